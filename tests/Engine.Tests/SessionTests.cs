using BeamConformance.Model;
using BeamConformance.Model.Windows;
using static BeamConformance.Engine.Tests.GroupByKeyHarness;

namespace BeamConformance.Engine.Tests;

public sealed class SessionTests
{
    private static readonly WindowingStrategy Sessions = new() { MergeFn = SessionsMergeFn.Instance };

    public static TheoryData<(byte Key, long Ts)[], long, string[]> Rows => new()
    {
        // 0 and 5 overlap ([0,10) and [5,15)) → [0,15); 30 is its own session
        { [(1, 0), (1, 5), (1, 30)], 10, ["[0,15)|01|0001", "[30,40)|01|02"] },
        // adjacent windows [0,10) and [10,20) share no instant: two sessions
        { [(1, 0), (1, 10)], 10, ["[0,10)|01|00", "[10,20)|01|01"] },
        // a chain: [0,10)+[9,19) → [0,19), which overlaps [18,28) → [0,28)
        { [(1, 0), (1, 9), (1, 18)], 10, ["[0,28)|01|000102"] },
        // out of order: 20 first, then 0 and 9 merge into [0,19), which stops short of 20
        { [(1, 20), (1, 0), (1, 9)], 10, ["[0,19)|01|0102", "[20,30)|01|00"] },
        // a late-arriving element bridges two sessions: [0,10) and [12,22) join through [5,15)
        { [(1, 0), (1, 12), (1, 5)], 10, ["[0,22)|01|000102"] },
        // sessions are per key
        { [(1, 0), (2, 5)], 10, ["[0,10)|01|00", "[5,15)|02|01"] },
        // the same timestamp twice is one window
        { [(1, 7), (1, 7)], 3, ["[7,10)|01|0001"] },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Overlapping_session_windows_merge_into_their_span(
        (byte Key, long Ts)[] elements, long gapMillis, string[] expected)
    {
        var harness = new GroupByKeyHarness(Sessions);
        for (var i = 0; i < elements.Length; i++)
        {
            harness.Add(TestData.Kv(elements[i].Key, (byte)i, elements[i].Ts, W(elements[i].Ts, elements[i].Ts + gapMillis)));
        }

        harness.Advance(BeamTime.MaxTimestampMillis);
        var got = harness.Drain().Select(e =>
        {
            var (key, values) = TestData.Grouped(e);
            var w = (IntervalWindow)e.Window;
            return $"[{w.StartMillis},{w.EndMillis})|{key}|{Convert.ToHexString(values)}";
        });
        Assert.Equal(expected, got);
    }

    [Fact]
    public void Merged_session_pane_is_on_time_first_and_last_at_the_merged_end()
    {
        var harness = new GroupByKeyHarness(Sessions);
        harness.Add(TestData.Kv(1, 0, 0, W(0, 10)), TestData.Kv(1, 1, 5, W(5, 15)));
        harness.Advance(BeamTime.MaxTimestampMillis);
        var output = Assert.Single(harness.Drain());
        Assert.Equal(14, output.TimestampMillis);
        Assert.Equal(PaneInfo.OnTimeAndOnly, output.Pane);
    }

    [Fact]
    public void Merged_session_waits_for_the_watermark_past_the_merged_end()
    {
        var harness = new GroupByKeyHarness(Sessions);
        harness.Add(TestData.Kv(1, 0, 0, W(0, 10)), TestData.Kv(1, 1, 5, W(5, 15)));
        harness.Advance(10); // past [0,10) but not past [0,15)
        Assert.Empty(harness.Drain());
        harness.Advance(15);
        Assert.Equal([W(0, 15)], harness.Drain().Select(static e => e.Window));
    }

    /// <summary>A custom merging WindowFn (as an SDK would merge it) plugs in through <see cref="IWindowMergeFn"/>.</summary>
    [Fact]
    public void Custom_merge_fn_decides_the_merges()
    {
        var harness = new GroupByKeyHarness(new WindowingStrategy { MergeFn = new MergeAllIntoFirstHundred() });
        harness.Add(TestData.Kv(1, 0, 0, W(0, 1)), TestData.Kv(1, 1, 50, W(50, 51)), TestData.Kv(2, 2, 70, W(70, 71)));
        harness.Advance(BeamTime.MaxTimestampMillis);
        Assert.Equal(
            // windows fire in order of their end: [70,71) before the merged [0,100)
            ["[70,71)|02|02", "[0,100)|01|0001"],
            harness.Drain().Select(e => $"[{((IntervalWindow)e.Window).StartMillis},{((IntervalWindow)e.Window).EndMillis})|{TestData.Grouped(e).Key}|{Convert.ToHexString(TestData.Grouped(e).Values)}"));
    }

    private sealed class MergeAllIntoFirstHundred : IWindowMergeFn
    {
        public IReadOnlyList<WindowMerge> Merge(IReadOnlyList<BoundedWindow> activeWindows) =>
            activeWindows.Count > 1 ? [new WindowMerge(activeWindows, new IntervalWindow(0, 100))] : [];
    }
}
