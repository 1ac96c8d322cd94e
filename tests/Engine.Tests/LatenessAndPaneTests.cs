using BeamConformance.Model;
using BeamConformance.Model.Windowing;
using static BeamConformance.Engine.Tests.GroupByKeyHarness;

namespace BeamConformance.Engine.Tests;

public sealed class LatenessAndPaneTests
{
    // Window [0,10) has max timestamp 9; an element is droppable when 9 + allowed lateness < input watermark.
    public static TheoryData<long, long, bool> DropRows => new()
    {
        // lateness 0, watermark 10: 9 < 10 → dropped
        { 0, 10, true },
        // lateness 0, watermark 9: the window is still open (on time)
        { 0, 9, false },
        // lateness 5, watermark 10: 14 ≥ 10 → kept, late
        { 5, 10, false },
        // lateness 5, watermark 14: 14 < 14 is false → kept
        { 5, 14, false },
        // lateness 5, watermark 15: 14 < 15 → dropped
        { 5, 15, true },
    };

    [Theory]
    [MemberData(nameof(DropRows))]
    public void Late_element_is_dropped_only_past_max_timestamp_plus_allowed_lateness(long latenessMillis, long watermarkMillis, bool dropped)
    {
        var harness = new GroupByKeyHarness(new WindowingStrategy { AllowedLatenessMillis = latenessMillis });
        harness.Advance(watermarkMillis);
        harness.Drain();
        harness.Add(TestData.Kv(1, 7, 5, W(0, 10)));
        harness.Advance(BeamTime.MaxTimestampMillis);
        var outputs = harness.Drain();
        Assert.Equal(dropped ? 1 : 0, harness.Engine.DroppedLateElementCount(Gbk));
        Assert.Equal(dropped ? 0 : 1, outputs.Count);
    }

    public static TheoryData<long, string[]> PaneRows => new()
    {
        // lateness 0: the ON_TIME pane is the window's only pane: first and last
        { 0, ["[0,10)|01|00|9|" + new PaneInfo(true, true, PaneTiming.OnTime, 0, 0)] },
        // lateness 100: ON_TIME is first but not last (late panes may follow); each late batch gives a LATE pane;
        // nothing is left to emit at garbage collection, so no pane is flagged last
        {
            100,
            [
                "[0,10)|01|00|9|" + new PaneInfo(true, false, PaneTiming.OnTime, 0, 0),
                "[0,10)|01|01|9|" + new PaneInfo(false, false, PaneTiming.Late, 1, 1),
                "[0,10)|01|0203|9|" + new PaneInfo(false, false, PaneTiming.Late, 2, 2),
            ]
        },
    };

    [Theory]
    [MemberData(nameof(PaneRows))]
    public void Default_trigger_panes(long latenessMillis, string[] expected)
    {
        var harness = new GroupByKeyHarness(new WindowingStrategy { AllowedLatenessMillis = latenessMillis });
        harness.Add(TestData.Kv(1, 0, 3, W(0, 10)));
        harness.Advance(20);
        var outputs = harness.Drain();
        harness.Add(TestData.Kv(1, 1, 4, W(0, 10)));           // late batch 1
        outputs.AddRange(harness.Drain());
        harness.Add(TestData.Kv(1, 2, 5, W(0, 10)), TestData.Kv(1, 3, 6, W(0, 10))); // late batch 2
        outputs.AddRange(harness.Drain());
        harness.Advance(BeamTime.MaxTimestampMillis);
        outputs.AddRange(harness.Drain());
        Assert.Equal(expected, outputs.Select(e => $"[0,10)|{TestData.Grouped(e).Key}|{Convert.ToHexString(TestData.Grouped(e).Values)}|{e.TimestampMillis}|{e.Pane}"));
    }

    [Fact]
    public void Accumulating_late_pane_repeats_earlier_values()
    {
        var harness = new GroupByKeyHarness(new WindowingStrategy { AllowedLatenessMillis = 100, AccumulationMode = AccumulationMode.Accumulating });
        harness.Add(TestData.Kv(1, 0, 3, W(0, 10))).Advance(20);
        var outputs = harness.Drain();
        harness.Add(TestData.Kv(1, 1, 4, W(0, 10)));
        outputs.AddRange(harness.Drain());
        Assert.Equal(["00", "0001"], outputs.Select(static e => Convert.ToHexString(TestData.Grouped(e).Values)));
        Assert.Equal(new PaneInfo(false, false, PaneTiming.Late, 1, 1), outputs[1].Pane);
    }

    [Fact]
    public void Window_seen_only_late_gets_a_first_late_pane()
    {
        var harness = new GroupByKeyHarness(new WindowingStrategy { AllowedLatenessMillis = 100 });
        harness.Advance(20);
        harness.Add(TestData.Kv(1, 0, 3, W(0, 10)));
        var output = Assert.Single(harness.Drain());
        Assert.Equal(new PaneInfo(true, false, PaneTiming.Late, 0, 0), output.Pane);
        Assert.Equal(9, output.TimestampMillis);
    }

    [Fact]
    public void Closing_behavior_fire_always_emits_an_empty_last_pane_at_garbage_collection()
    {
        var harness = new GroupByKeyHarness(new WindowingStrategy { AllowedLatenessMillis = 100, ClosingBehavior = ClosingBehavior.FireAlways });
        harness.Add(TestData.Kv(1, 0, 3, W(0, 10))).Advance(BeamTime.MaxTimestampMillis);
        var outputs = harness.Drain();
        Assert.Equal(["00", ""], outputs.Select(static e => Convert.ToHexString(TestData.Grouped(e).Values)));
        Assert.Equal(new PaneInfo(true, false, PaneTiming.OnTime, 0, 0), outputs[0].Pane);
        Assert.Equal(new PaneInfo(false, true, PaneTiming.Late, 1, 1), outputs[1].Pane);
    }

    [Theory]
    // no lateness
    [InlineData(0L)]
    // a lateness of one hour still ends at the end of the global window: garbage collection is truncated there
    [InlineData(3_600_000L)]
    // a lateness that would overflow the timestamp range
    [InlineData(long.MaxValue)]
    public void Global_window_fires_once_when_the_input_ends(long latenessMillis)
    {
        var harness = new GroupByKeyHarness(new WindowingStrategy { AllowedLatenessMillis = latenessMillis, AccumulationMode = AccumulationMode.Accumulating });
        harness.Add(TestData.Kv(1, 0, 3));
        harness.Advance(BeamTime.EndOfGlobalWindowMillis);
        Assert.Empty(harness.Drain()); // at (not past) the global window's max timestamp
        harness.Advance(BeamTime.MaxTimestampMillis);
        var output = Assert.Single(harness.Drain());
        Assert.Equal(BeamTime.EndOfGlobalWindowMillis, output.TimestampMillis);
        Assert.Equal(PaneInfo.OnTimeAndOnly, output.Pane);
        Assert.Equal(JobStatus.Done, harness.Engine.Status);
    }

    public static TheoryData<long, long, long, long, bool> ExpiryRows => new()
    {
        // [0,10) lateness 0: max timestamp 9 is before watermark 10 → expired
        { 0, 10, 0, 10, true },
        // [0,10) lateness 0, watermark 9: not expired
        { 0, 10, 0, 9, false },
        // a window ending before the epoch, [-20000,-10000), lateness 0, watermark 0: expired
        { -20000, -10000, 0, 0, true },
        // the same window at watermark -10001 (its max timestamp): not expired
        { -20000, -10000, 0, -10001, false },
        // a window before the epoch whose lateness reaches past the watermark: not expired
        { -20000, -10000, 20000, 0, false },
        // lateness so large the sum would overflow: saturates, never expired
        { 0, 10, long.MaxValue, BeamTime.MaxTimestampMillis, false },
    };

    [Theory]
    [MemberData(nameof(ExpiryRows))]
    public void A_window_is_expired_once_its_max_timestamp_plus_lateness_is_before_the_watermark(long start, long end, long latenessMillis, long watermarkMillis, bool expired)
    {
        var strategy = new WindowingStrategy { AllowedLatenessMillis = latenessMillis };
        Assert.Equal(expired, strategy.IsExpired(W(start, end), watermarkMillis));
    }

    public static TheoryData<long, long, long> GarbageCollectionRows => new()
    {
        // [0,10) with lateness 5: max timestamp 9 + 5
        { 10, 5, 14 },
        // a window ending at the end of the global window: truncated there
        { BeamTime.EndOfGlobalWindowMillis + 1, 5, BeamTime.EndOfGlobalWindowMillis },
        // max timestamp + lateness beyond the end of the global window: truncated
        { BeamTime.EndOfGlobalWindowMillis - 10, 100, BeamTime.EndOfGlobalWindowMillis },
        // exactly at the end of the global window: kept as is
        { BeamTime.EndOfGlobalWindowMillis - 99, 100, BeamTime.EndOfGlobalWindowMillis },
    };

    [Theory]
    [MemberData(nameof(GarbageCollectionRows))]
    public void Garbage_collection_time_is_max_timestamp_plus_lateness_truncated_to_the_global_window_end(long windowEnd, long latenessMillis, long expected)
    {
        var strategy = new WindowingStrategy { AllowedLatenessMillis = latenessMillis };
        Assert.Equal(expected, strategy.GarbageCollectionTime(W(0, windowEnd)));
    }
}
