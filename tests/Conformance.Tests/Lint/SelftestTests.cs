using BeamConformance.Conformance.Checking;
using BeamConformance.Conformance.Scenarios;
using BeamConformance.Conformance.Tests.Scenarios;
using BeamConformance.Model;

namespace BeamConformance.Conformance.Tests.Lint;

/// <summary>
/// The deliberately wrong scenarios of testdata/selftest: fed the output a conforming runner produces
/// (synthesized from the correct scenario's fully specified panes), the checker must report each one.
/// </summary>
[Trait("category", "lint")]
public sealed class SelftestTests
{
    public static IReadOnlyList<Scenario> Load() =>
        [.. Directory.EnumerateFiles(TestData.SelftestRoot, "*.yaml").Order(StringComparer.Ordinal)
            .Select(p => ScenarioLoader.LoadFile(p, new ScenarioId("selftest/" + Path.GetFileNameWithoutExtension(p))))];

    public static TheoryData<string, string, string> Rows => new()
    {
        // Wrong GroupByKey output timestamp: the window's end instead of end - 1 ms.
        { "gbk_timestamp_at_window_end", "groupbykey/fixed_windows", "timestamp: expected 1000 for every element, actual" },
        // A value missing from the expected group: the real output has one more (unexpected output).
        { "gbk_missing_value", "groupbykey/global_window", "values unexpected:" },
        // An expected pane that never fires: unmatched.
        { "extra_expected_pane", "windowing/fixed_assign", "unmatched: no actual pane left" },
        // Output expected in the global window, but it is in fixed windows.
        { "wrong_window", "windowing/fixed_assign", "window: expected global, actual [0, 1000)" },
        // Expected EARLY panes where the default trigger fires ON_TIME.
        { "wrong_pane_timing", "groupbykey/global_window", "pane: expected EARLY index=0 on_time_index=0 first last, actual ON_TIME" },
        // Expected no output, but the sink receives elements.
        { "expected_empty_output", "pardo/map_add", "0 expected pane(s), 1 actual pane(s)" },
        // Impulse expected at timestamp 0 rather than the minimum timestamp.
        { "impulse_timestamp_zero", "impulse/single_empty_element", "timestamp: expected 0 for every element, actual" },
        // The second EARLY pane expected with index 2 instead of 1.
        { "trigger_wrong_pane_index", "triggers/repeatedly_element_count_discarding", "pane: expected EARLY index=2 on_time_index=-1 not first not last, actual EARLY index=1" },
        // The final ON_TIME pane left out: the real output has it (unexpected output).
        { "trigger_missing_final_pane", "triggers/repeatedly_element_count_discarding", "unexpected output: window [0, 1000), pane ON_TIME index=2 on_time_index=0 not first last" },
        // Accumulating panes expected with discarding contents.
        { "trigger_accumulating_as_discarding", "triggers/repeatedly_element_count_accumulating", "values unexpected: [\"a\", [1, 2, 3, 4]] @999" },
        // The EARLY pane expected after the ON_TIME one.
        { "trigger_early_after_on_time", "triggers/after_watermark_early_count_discarding", "pane: expected ON_TIME index=0 on_time_index=0 first not last, actual ON_TIME index=1" },
        // A TestStream element behind the watermark expected in the on-time pane.
        { "teststream_late_element_kept", "teststream/late_element_dropped_after_watermark", "values unexpected: [\"a\", [1]] @999" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Checker_reports_the_deliberate_mistake(string selftest, string correctScenario, string diffFragment)
    {
        var wrong = ScenarioLoader.LoadFile(Path.Combine(TestData.SelftestRoot, selftest + ".yaml"), new ScenarioId("selftest/" + selftest));
        var correct = ScenarioLoader.LoadFile(Path.Combine(TestData.ScenariosRoot, correctScenario + ".yaml"));
        var conformingOutput = Synthesize(correct);

        Assert.True(OutputChecker.Check(correct, conformingOutput).Passed, "the synthesized output must satisfy the correct scenario");
        var result = OutputChecker.Check(wrong, conformingOutput);

        Assert.False(result.Passed);
        Assert.True(result.Diff.Contains(diffFragment, StringComparison.Ordinal), $"'{diffFragment}' not in the diff:\n{result.Diff}");
    }

    [Fact]
    public void Every_selftest_file_has_a_row() =>
        Assert.Equal(
            Load().Select(s => s.Id.Value["selftest/".Length..]).Order(StringComparer.Ordinal),
            Rows.Select(r => r.Data.Item1).Order(StringComparer.Ordinal));

    // The captured elements a conforming runner produces for a scenario whose panes give every field.
    private static List<CapturedElement> Synthesize(Scenario scenario) =>
        [.. scenario.Expect.Outputs.SelectMany(sink => sink.Value.SelectMany(p =>
            p.Elements!.Select(e => new CapturedElement(
                sink.Key,
                e.Value,
                e.TimestampMillis ?? p.TimestampMillis ?? throw new InvalidOperationException($"{p.Location}: no timestamp to synthesize"),
                Windows(p),
                Pane(p)))))];

    private static BeamConformance.Model.Windows.BoundedWindow[] Windows(ExpectedPane p) =>
        p.Window is { } w ? [w] : throw new InvalidOperationException($"{p.Location}: no window to synthesize");

    private static PaneInfo Pane(ExpectedPane p) => p.Pane is { Timing: { } t, Index: { } i, OnTimeIndex: { } o, First: { } f, Last: { } l }
        ? new PaneInfo(f, l, t, i, o)
        : throw new InvalidOperationException($"{p.Location}: pane not fully specified");
}
