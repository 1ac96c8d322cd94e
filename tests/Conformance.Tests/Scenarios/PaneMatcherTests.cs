using BeamConformance.Conformance.Checking;
using BeamConformance.Conformance.Scenarios;
using BeamConformance.Model;
using BeamConformance.Model.Windows;

namespace BeamConformance.Conformance.Tests.Scenarios;

/// <summary>Hand-made captured output fed through the matcher against testdata/scenarios/groupbykey/fixed_windows.yaml.</summary>
public sealed class PaneMatcherTests
{
    private static readonly PaneInfo OnTime = PaneInfo.OnTimeAndOnly;
    private static readonly IntervalWindow W0 = new(0, 1000);
    private static readonly IntervalWindow W1 = new(1000, 2000);
    private static readonly IntervalWindow W13 = new(1000, 3000);
    private static readonly PaneInfo Early = new(true, true, PaneTiming.Early, 0, -1);

    private static CapturedElement E(object value, long ts, BoundedWindow w, PaneInfo? pane = null) =>
        new("Out", value, ts, [w], pane ?? OnTime);

    private static KV Group(string key, params long[] values) => new(key, values.Cast<object?>().ToArray());

    // The correct output of groupbykey/fixed_windows, in arrival order a runner might choose.
    private static CapturedElement[] Correct() =>
    [
        E(Group("b", 5), 1999, W1),
        E(Group("a", 2, 1), 999, W0),
        E(Group("b", 3), 999, W0),
        E(Group("a", 4), 1999, W1),
    ];

    public static TheoryData<string, CapturedElement[], string?> Rows => new()
    {
        // Correct output passes; iterables compare as multisets ([2, 1] = [1, 2]).
        { "correct", Correct(), null },
        // A value missing from a group.
        { "missing value", [.. Correct()[..1], E(Group("a", 1), 999, W0), .. Correct()[2..]], "values missing: [\"a\", [1, 2]]" },
        // A wrong timestamp (end of window instead of end - 1 ms).
        { "timestamp end", [E(Group("b", 5), 2000, W1), .. Correct()[1..]], "timestamp: expected 1999 for every element, actual [\"b\", [5]] @2000" },
        // A wrong pane timing for a whole pane.
        { "early pane", [E(Group("b", 5), 1999, W1, Early), Correct()[1], Correct()[2], E(Group("a", 4), 1999, W1, Early)], "pane: expected ON_TIME index=0 on_time_index=0 first last, actual EARLY index=0 on_time_index=-1 first last" },
        // A wrong window.
        { "wrong window", [E(Group("b", 5), 1999, W13), Correct()[1], Correct()[2], E(Group("a", 4), 1999, W13)], "window: expected [1000, 2000), actual [1000, 3000)" },
        // An extra element in an existing pane.
        { "extra element", [.. Correct(), E(Group("c", 9), 999, W0)], "values unexpected: [\"c\", [9]] @999" },
        // An extra pane (output in the global window).
        { "extra pane", [.. Correct(), E(Group("c", 9), BeamTime.EndOfGlobalWindowMillis, GlobalWindow.Instance)], "unexpected output: window global" },
        // No output at all.
        { "no output", [], "2 expected pane(s), 0 actual pane(s)" },
        // The same group twice (duplicated delivery).
        { "duplicate", [.. Correct(), E(Group("a", 4), 1999, W1)], "values unexpected: [\"a\", [4]] @1999" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Matches_fixed_window_groups(string label, CapturedElement[] captured, string? diffFragment)
    {
        var scenario = ScenarioLoader.LoadFile(Path.Combine(TestData.ScenariosRoot, "groupbykey", "fixed_windows.yaml"));

        var result = OutputChecker.Check(scenario, captured);

        Assert.True(diffFragment is null == result.Passed, $"{label}: {result.Diff}");
        if (diffFragment is not null)
        {
            Assert.Contains(diffFragment, result.Diff, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string, ExpectedPane, CapturedElement[], string?> PartialRows => new()
    {
        // Only values given: any window and pane match.
        { "values only", Pane(values: [1L, 2L]), [E(2L, 5, W0), E(1L, 7, W0)], null },
        // Ordered values in the wrong order.
        { "ordered", Pane(values: [1L, 2L], ordered: true), [E(2L, 5, W0), E(1L, 7, W0)], "element 0 (ordered): expected 1, actual 2 @5" },
        // Per-element timestamps.
        { "element timestamps", new ExpectedPane(null, null, null, [new(1L, 5), new(2L, 7)], false, default), [E(2L, 7, W0), E(1L, 5, W0)], null },
        // A per-element timestamp that differs.
        { "element timestamp wrong", new ExpectedPane(null, null, null, [new(1L, 5)], false, default), [E(1L, 6, W0)], "values missing: 1 @5" },
        // An element in two sliding windows counts in both panes; only one expected → the other is unexpected.
        { "exploded windows", Pane(window: W0, values: [1L]), [new CapturedElement("Out", 1L, 500, [W0, W1], OnTime)], "unexpected output: window [1000, 2000)" },
        // Doubles: -0.0 and 0.0 differ, NaNs are equal.
        { "negative zero", Pane(values: [0.0]), [E(-0.0, 0, W0)], "values missing: 0.0" },
        { "nan", Pane(values: [double.NaN]), [E(BitConverter.Int64BitsToDouble(0x7FF8000000000001), 0, W0)], null },
        // Bytes by content; a long is not a double.
        { "bytes", Pane(values: [new byte[] { 1, 2 }]), [E(new byte[] { 1, 2 }, 0, W0)], null },
        { "long vs double", Pane(values: [1L]), [E(1.0, 0, W0)], "values unexpected: 1.0 @0" },
    };

    [Theory]
    [MemberData(nameof(PartialRows))]
    public void Matches_partially(string label, ExpectedPane expected, CapturedElement[] captured, string? diffFragment)
    {
        var result = PaneMatcher.Match("Out", [expected], captured);

        Assert.True(diffFragment is null == result.Passed, $"{label}: {result.Diff}");
        if (diffFragment is not null)
        {
            Assert.Contains(diffFragment, result.Diff, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Diff_lists_expected_and_actual_panes()
    {
        var expected = new[] { Pane(window: W0, values: [1L, 2L]), Pane(window: W1, values: [3L]) };

        var result = PaneMatcher.Match("Out", expected, [E(1L, 5, W0), E(3L, 1500, W1), E(4L, 1500, W1)]);

        Assert.Equal(
            string.Join(Environment.NewLine,
                "sink 'Out': 2 expected pane(s), 2 actual pane(s)",
                "  FAIL  expected pane 1 (t.yaml:1:1): window [0, 1000), values [1, 2]",
                "        closest actual: window [0, 1000), 1 element(s): 1 @5",
                "          values missing: 2",
                "  FAIL  expected pane 2 (t.yaml:1:1): window [1000, 2000), values [3]",
                "        closest actual: window [1000, 2000), 2 element(s): 3 @1500, 4 @1500",
                "          values unexpected: 4 @1500"),
            result.Diff);
    }

    private static ExpectedPane Pane(BoundedWindow? window = null, object[]? values = null, bool ordered = false) =>
        new(window, null, null, values?.Select(v => new ElementSpec(v, null)).ToList(), ordered, new SourceLocation("t.yaml", 1, 1));
}
