using BeamConformance.Model;
using BeamConformance.Model.Windowing;
using static BeamConformance.Engine.Tests.GroupByKeyHarness;

namespace BeamConformance.Engine.Tests;

public sealed class TimestampCombinerTests
{
    public static TheoryData<TimestampCombiner, long, long> FixedRows => new()
    {
        // elements at 2, 7, 4 in [0,10): end of window → max timestamp 9; hold at 9 → watermark 8 stays 8
        { TimestampCombiner.EndOfWindow, 9, 8 },
        // earliest → 2, and the pending pane holds the output watermark at 2
        { TimestampCombiner.Earliest, 2, 2 },
        // latest → 7, hold at 7
        { TimestampCombiner.Latest, 7, 7 },
    };

    [Theory]
    [MemberData(nameof(FixedRows))]
    public void Pane_timestamp_and_hold_follow_the_combiner(TimestampCombiner combiner, long paneTimestamp, long heldOutputWatermark)
    {
        var harness = new GroupByKeyHarness(new WindowingStrategy { TimestampCombiner = combiner });
        harness.Add(TestData.Kv(1, 0, 2, W(0, 10)), TestData.Kv(1, 1, 7, W(0, 10)), TestData.Kv(1, 2, 4, W(0, 10)));
        harness.Advance(8);
        Assert.Equal(8, harness.Engine.InputWatermark(Gbk));
        Assert.Equal(heldOutputWatermark, harness.Engine.OutputWatermark(Gbk));
        Assert.Empty(harness.Drain());
        harness.Advance(10);
        var output = Assert.Single(harness.Drain());
        Assert.Equal(paneTimestamp, output.TimestampMillis);
        Assert.Equal(10, harness.Engine.OutputWatermark(Gbk)); // hold released with the pane
    }

    public static TheoryData<TimestampCombiner, long> SessionRows => new()
    {
        // sessions [0,10) and [5,15) merge into [0,15): end of window → 14
        { TimestampCombiner.EndOfWindow, 14 },
        // earliest over both windows' elements → 0
        { TimestampCombiner.Earliest, 0 },
        // latest → 5
        { TimestampCombiner.Latest, 5 },
    };

    [Theory]
    [MemberData(nameof(SessionRows))]
    public void Merged_windows_combine_their_holds(TimestampCombiner combiner, long paneTimestamp)
    {
        var harness = new GroupByKeyHarness(new WindowingStrategy { TimestampCombiner = combiner, MergeFn = SessionsMergeFn.Instance });
        harness.Add(TestData.Kv(1, 0, 0, W(0, 10)), TestData.Kv(1, 1, 5, W(5, 15)));
        harness.Advance(BeamTime.MaxTimestampMillis);
        Assert.Equal(paneTimestamp, Assert.Single(harness.Drain()).TimestampMillis);
    }

    public static TheoryData<TimestampCombiner, long> BehindOutputRows => new()
    {
        // an element behind the output watermark cannot hold it: the pane falls back to the window's max timestamp
        { TimestampCombiner.Earliest, 19 },
        { TimestampCombiner.Latest, 19 },
        { TimestampCombiner.EndOfWindow, 19 },
    };

    [Theory]
    [MemberData(nameof(BehindOutputRows))]
    public void Element_behind_the_output_watermark_does_not_set_the_pane_timestamp(TimestampCombiner combiner, long paneTimestamp)
    {
        var harness = new GroupByKeyHarness(new WindowingStrategy { TimestampCombiner = combiner });
        harness.Advance(10);                                    // output watermark of the GroupByKey: 10
        harness.Add(TestData.Kv(1, 0, 3, W(0, 20)));            // window still open, but 3 < 10
        harness.Advance(BeamTime.MaxTimestampMillis);
        var output = Assert.Single(harness.Drain());
        Assert.Equal(paneTimestamp, output.TimestampMillis);
        Assert.Equal(PaneInfo.OnTimeAndOnly, output.Pane);
    }
}
