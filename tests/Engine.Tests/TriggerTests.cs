using BeamConformance.Model;
using BeamConformance.Model.Windowing;
using static BeamConformance.Engine.Tests.GroupByKeyHarness;

namespace BeamConformance.Engine.Tests;

/// <summary>Exact panes (values, timestamp, index, on-time index, timing, first, last) of every trigger kind, in streaming mode.</summary>
public sealed class TriggerTests
{
    private static readonly Trigger Count1 = new Trigger.ElementCount(1);
    private static readonly Trigger Count2 = new Trigger.ElementCount(2);

    private static string Early(long index, bool first = false, bool last = false) => new PaneInfo(first, last, PaneTiming.Early, index, -1).ToString();

    private static string OnTime(long index, bool first = false, bool last = false) => new PaneInfo(first, last, PaneTiming.OnTime, index, 0).ToString();

    private static string Late(long index, long onTimeIndex, bool last = false) => new PaneInfo(false, last, PaneTiming.Late, index, onTimeIndex).ToString();

    /// <summary>"values hex|timestamp|pane" per output.</summary>
    private static List<string> Panes(IEnumerable<Element> outputs) =>
        outputs.Select(static e => $"{Convert.ToHexString(TestData.Grouped(e).Values)}|{e.TimestampMillis}|{e.Pane}").ToList();

    private static GroupByKeyHarness Harness(Trigger trigger, long lateness = 0, AccumulationMode mode = AccumulationMode.Discarding, ClosingBehavior closing = ClosingBehavior.FireIfNonEmpty, EngineOptions? options = null) =>
        new(new WindowingStrategy { Trigger = trigger, AllowedLatenessMillis = lateness, AccumulationMode = mode, ClosingBehavior = closing }, options);

    // Adds each value (key 1, window [0,10)) as its own batch and collects the panes after each.
    private static List<string> Feed(GroupByKeyHarness harness, params (byte Value, long Ts)[] values)
    {
        var panes = new List<string>();
        foreach (var (value, ts) in values)
        {
            harness.Add(TestData.Kv(1, value, ts, W(0, 10)));
            panes.AddRange(Panes(harness.Drain()));
        }

        return panes;
    }

    private static List<string> AdvanceTo(GroupByKeyHarness harness, long watermark)
    {
        harness.Advance(watermark);
        return Panes(harness.Drain());
    }

    [Fact]
    public void ElementCount_fires_once_then_closes_the_window_and_drops_its_input()
    {
        var harness = Harness(Count2);
        var panes = Feed(harness, (1, 1), (2, 2), (3, 3));
        panes.AddRange(AdvanceTo(harness, BeamTime.MaxTimestampMillis));

        Assert.Equal([$"0102|9|{Early(0, first: true, last: true)}"], panes);
        Assert.Equal(1, harness.Engine.DroppedLateElementCount(Gbk));
    }

    [Theory]
    [InlineData(AccumulationMode.Discarding, "03")]
    [InlineData(AccumulationMode.Accumulating, "010203")]
    public void Repeatedly_ElementCount_fires_every_count_and_the_rest_at_garbage_collection(AccumulationMode mode, string last)
    {
        var harness = Harness(new Trigger.Repeatedly(Count2), mode: mode);
        var panes = Feed(harness, (1, 1), (2, 2), (3, 3));
        panes.AddRange(AdvanceTo(harness, BeamTime.MaxTimestampMillis));

        Assert.Equal([$"0102|9|{Early(0, first: true)}", $"{last}|9|{OnTime(1, last: true)}"], panes);
    }

    [Fact]
    public void Always_fires_each_batch_of_input()
    {
        var harness = Harness(new Trigger.Always());
        var panes = Feed(harness, (1, 1), (2, 2));
        harness.Add(TestData.Kv(1, 3, 3, W(0, 10)), TestData.Kv(1, 4, 4, W(0, 10)));
        panes.AddRange(Panes(harness.Drain()));
        panes.AddRange(AdvanceTo(harness, BeamTime.MaxTimestampMillis));

        // Nothing new at garbage collection, but an ON_TIME pane is emitted empty (OnTimeBehavior FIRE_ALWAYS)
        Assert.Equal([$"01|9|{Early(0, first: true)}", $"02|9|{Early(1)}", $"0304|9|{Early(2)}", $"|9|{OnTime(3, last: true)}"], panes);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(100, true)]
    public void Never_emits_only_at_garbage_collection(long lateness, bool onTime)
    {
        var harness = Harness(new Trigger.Never(), lateness);
        var panes = Feed(harness, (1, 1), (2, 2));
        panes.AddRange(AdvanceTo(harness, 50));
        panes.AddRange(AdvanceTo(harness, BeamTime.MaxTimestampMillis));

        Assert.True(onTime);
        Assert.Equal([$"0102|9|{OnTime(0, first: true, last: true)}"], panes);
    }

    [Theory]
    [InlineData(ClosingBehavior.FireIfNonEmpty, false)]
    [InlineData(ClosingBehavior.FireAlways, true)]
    public void AfterWatermark_early_and_late_firings(ClosingBehavior closing, bool finalEmptyPane)
    {
        var harness = Harness(new Trigger.AfterWatermark(Count2, Count1), lateness: 100, closing: closing);
        var panes = Feed(harness, (1, 1), (2, 2), (3, 3), (4, 4), (5, 5));
        panes.AddRange(AdvanceTo(harness, 20));
        panes.AddRange(Feed(harness, (6, 6)));
        panes.AddRange(AdvanceTo(harness, BeamTime.MaxTimestampMillis));

        List<string> expected =
        [
            $"0102|9|{Early(0, first: true)}",
            $"0304|9|{Early(1)}",
            $"05|9|{OnTime(2)}",
            $"06|9|{Late(3, 1)}",
        ];
        if (finalEmptyPane)
        {
            expected.Add($"|9|{Late(4, 2, last: true)}");
        }

        Assert.Equal(expected, panes);
    }

    [Fact]
    public void AfterWatermark_without_late_firings_finishes_on_time_and_drops_late_data()
    {
        var harness = Harness(new Trigger.AfterWatermark(Count2, null), lateness: 100);
        var panes = Feed(harness, (1, 1));
        panes.AddRange(AdvanceTo(harness, 20));
        panes.AddRange(Feed(harness, (2, 2)));
        panes.AddRange(AdvanceTo(harness, BeamTime.MaxTimestampMillis));

        Assert.Equal([$"01|9|{OnTime(0, first: true, last: true)}"], panes);
        Assert.Equal(1, harness.Engine.DroppedLateElementCount(Gbk));
    }

    [Theory]
    [InlineData(OnTimeBehavior.FireAlways, true)]
    [InlineData(OnTimeBehavior.FireIfNonEmpty, false)]
    public void Empty_on_time_pane_is_emitted_only_under_fire_always(OnTimeBehavior onTime, bool emitted)
    {
        var harness = new GroupByKeyHarness(new WindowingStrategy { Trigger = new Trigger.AfterWatermark(Count1, Count1), AllowedLatenessMillis = 100, OnTimeBehavior = onTime });
        var panes = Feed(harness, (1, 1));
        panes.AddRange(AdvanceTo(harness, 20));
        panes.AddRange(Feed(harness, (2, 2)));

        // A pane that is not emitted does not count: the late pane's index follows the emitted ones.
        Assert.Equal(
            emitted
                ? [$"01|9|{Early(0, first: true)}", $"|9|{OnTime(1)}", $"02|9|{Late(2, 1)}"]
                : [$"01|9|{Early(0, first: true)}", $"02|9|{Late(1, 0)}"],
            panes);
    }

    [Fact]
    public void AfterEach_runs_its_subtriggers_in_order_then_finishes()
    {
        var harness = Harness(new Trigger.AfterEach([Count1, Count2]));
        var panes = Feed(harness, (1, 1), (2, 2), (3, 3), (4, 4));
        panes.AddRange(AdvanceTo(harness, BeamTime.MaxTimestampMillis));

        Assert.Equal([$"01|9|{Early(0, first: true)}", $"0203|9|{Early(1, last: true)}"], panes);
        Assert.Equal(1, harness.Engine.DroppedLateElementCount(Gbk));
    }

    [Fact]
    public void AfterAll_fires_when_every_subtrigger_has()
    {
        var harness = Harness(new Trigger.Repeatedly(new Trigger.AfterAll([Count1, Count2])));
        var panes = Feed(harness, (1, 1), (2, 2), (3, 3), (4, 4), (5, 5));
        panes.AddRange(AdvanceTo(harness, BeamTime.MaxTimestampMillis));

        Assert.Equal([$"0102|9|{Early(0, first: true)}", $"0304|9|{Early(1)}", $"05|9|{OnTime(2, last: true)}"], panes);
    }

    [Fact]
    public void AfterAny_fires_when_the_first_subtrigger_does()
    {
        var harness = Harness(new Trigger.AfterAny([new Trigger.ElementCount(3), new Trigger.AfterWatermark(null, null)]), lateness: 100);
        var panes = Feed(harness, (1, 1), (2, 2));
        panes.AddRange(AdvanceTo(harness, 20));
        panes.AddRange(Feed(harness, (3, 3)));
        panes.AddRange(AdvanceTo(harness, BeamTime.MaxTimestampMillis));

        Assert.Equal([$"0102|9|{OnTime(0, first: true, last: true)}"], panes);
    }

    [Fact]
    public void OrFinally_fires_main_until_the_finally_trigger_fires_a_last_pane()
    {
        var harness = Harness(new Trigger.OrFinally(new Trigger.Repeatedly(Count2), new Trigger.ElementCount(3)));
        var panes = Feed(harness, (1, 1), (2, 2), (3, 3), (4, 4));
        panes.AddRange(AdvanceTo(harness, BeamTime.MaxTimestampMillis));

        Assert.Equal([$"0102|9|{Early(0, first: true)}", $"03|9|{Early(1, last: true)}"], panes);
        Assert.Equal(1, harness.Engine.DroppedLateElementCount(Gbk));
    }

    public static TheoryData<long, bool> LatenessRows => new()
    {
        // window [0,10): max 9, lateness 5 → data is kept while 9 + 5 ≥ the input watermark
        { 13, true },  // 1 ms inside
        { 14, true },  // exactly at
        { 15, false }, // 1 ms past
    };

    [Theory]
    [MemberData(nameof(LatenessRows))]
    public void Late_firing_at_the_allowed_lateness_boundary(long watermark, bool kept)
    {
        var harness = Harness(new Trigger.AfterWatermark(null, Count1), lateness: 5);
        var panes = Feed(harness, (1, 1));
        panes.AddRange(AdvanceTo(harness, watermark));
        panes.AddRange(Feed(harness, (2, 2)));

        List<string> expected = [$"01|9|{OnTime(0, first: true)}"];
        if (kept)
        {
            expected.Add($"02|9|{Late(1, 1)}");
        }

        Assert.Equal(expected, panes);
        Assert.Equal(kept ? 0 : 1, harness.Engine.DroppedDueToLatenessCount(Gbk));
    }

    [Fact]
    public void Early_panes_take_their_timestamp_from_the_timestamp_combiner_over_their_own_values()
    {
        var harness = new GroupByKeyHarness(new WindowingStrategy { Trigger = new Trigger.AfterWatermark(Count2, null), TimestampCombiner = TimestampCombiner.Earliest });
        var panes = Feed(harness, (1, 5), (2, 3), (3, 7));
        panes.AddRange(AdvanceTo(harness, 20));

        Assert.Equal([$"0102|3|{Early(0, first: true)}", $"03|7|{OnTime(1, last: true)}"], panes);
    }

    [Fact]
    public void Merged_sessions_add_up_early_counts()
    {
        var harness = new GroupByKeyHarness(new WindowingStrategy { MergeFn = SessionsMergeFn.Instance, Trigger = new Trigger.AfterWatermark(Count2, null) });
        harness.Add(TestData.Kv(1, 1, 0, W(0, 10)));
        var panes = Panes(harness.Drain());
        harness.Add(TestData.Kv(1, 2, 5, W(5, 15)));
        panes.AddRange(Panes(harness.Drain()));
        harness.Add(TestData.Kv(1, 3, 30, W(30, 40)));
        panes.AddRange(Panes(harness.Drain()));
        harness.Add(TestData.Kv(1, 4, 12, W(12, 22)));
        panes.AddRange(Panes(harness.Drain()));
        panes.AddRange(AdvanceTo(harness, BeamTime.MaxTimestampMillis));

        // [0,10)+[5,15) merge with two values: early pane; [12,22) merges in with one value (the early count of the
        // merged window is 0 + 1): no early pane; the new window [0,22) starts its panes afresh (Java ReduceFnRunner.onMerge)
        Assert.Equal(
            [$"0102|14|{Early(0, first: true)}", $"04|21|{OnTime(0, first: true, last: true)}", $"03|39|{OnTime(0, first: true, last: true)}"],
            panes);
    }

    [Fact]
    public void AfterProcessingTime_fires_when_the_clock_reaches_first_element_time_plus_delay()
    {
        var clock = new ManualClock(1_000);
        var harness = Harness(new Trigger.Repeatedly(new Trigger.AfterProcessingTime([new TimestampTransform.Delay(5)])), options: new EngineOptions { TimeProvider = clock });
        var panes = Feed(harness, (1, 1));
        clock.NowMillis = 1_003;
        panes.AddRange(Feed(harness, (2, 2)));
        clock.NowMillis = 1_004;
        harness.Engine.RefreshProcessingTime();
        panes.AddRange(Panes(harness.Drain()));
        Assert.Empty(panes);

        clock.NowMillis = 1_005;
        harness.Engine.RefreshProcessingTime();
        panes.AddRange(Panes(harness.Drain()));
        panes.AddRange(Feed(harness, (3, 3)));
        clock.NowMillis = 1_010;
        harness.Engine.RefreshProcessingTime();
        panes.AddRange(Panes(harness.Drain()));

        Assert.Equal([$"0102|9|{Early(0, first: true)}", $"03|9|{Early(1)}"], panes);
        Assert.Equal([TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(5)], clock.TimersCreated);
    }

    [Fact]
    public void AfterProcessingTime_alignment_rounds_the_target_up_to_the_grid()
    {
        var clock = new ManualClock(1_003);
        var harness = Harness(new Trigger.AfterProcessingTime([new TimestampTransform.AlignTo(10, 0)]), options: new EngineOptions { TimeProvider = clock });
        var panes = Feed(harness, (1, 1));
        clock.NowMillis = 1_009;
        harness.Engine.RefreshProcessingTime();
        panes.AddRange(Panes(harness.Drain()));
        Assert.Empty(panes);

        clock.NowMillis = 1_010;
        harness.Engine.RefreshProcessingTime();
        Assert.Equal([$"01|9|{Early(0, first: true, last: true)}"], Panes(harness.Drain()));
    }

    [Fact]
    public void Pending_processing_time_trigger_under_an_external_input_is_quiescence_and_arms_a_clock_timer()
    {
        var clock = new ManualClock(0);
        var harness = Harness(new Trigger.AfterProcessingTime([new TimestampTransform.Delay(10)]), options: new EngineOptions { TimeProvider = clock });
        Assert.Empty(Feed(harness, (1, 1)));

        // TestStream's driver advances the clock at quiescence; the engine also armed a timer for the real clock.
        Assert.Equal(NextBundleKind.Stuck, harness.Engine.GetNextBundle().Kind);
        Assert.Equal([TimeSpan.FromMilliseconds(10)], clock.TimersCreated);
        clock.NowMillis = 10;
        harness.Engine.RefreshProcessingTime();
        Assert.Equal([$"01|9|{Early(0, first: true, last: true)}"], Panes(harness.Drain()));
    }

    [Fact]
    public void AfterSynchronizedProcessingTime_waits_until_the_upstream_stage_has_drained()
    {
        var clock = new ManualClock(1_000);
        var graph = new StageGraphBuilder()
            .AddExternalInput(Source, new("in"))
            .AddSdkStage(new("map"), [new("in")], [new("kvs")])
            .AddGroupByKey(Gbk, new("kvs"), new("out"), new WindowingStrategy { Trigger = new Trigger.AfterSynchronizedProcessingTime() })
            .AddSdkStage(Sink, [new("out")], [])
            .Build();
        var engine = new JobEngine(graph, new EngineOptions { TimeProvider = clock, MaxBundleSize = 1 });
        engine.AddElements(Source, [TestData.Kv(1, 1, 1), TestData.Kv(1, 2, 2)]);

        var first = TestData.Ready(engine);
        clock.NowMillis = 2_000;
        engine.CommitBundle(first.Id, TestData.Outputs(("kvs", [TestData.Kv(1, 1, 1)])));
        var second = TestData.Ready(engine);
        Assert.Equal(new StageId("map"), second.Stage);
        engine.CommitBundle(second.Id, TestData.Outputs(("kvs", [TestData.Kv(1, 2, 2)])));

        var sink = TestData.Ready(engine);
        Assert.Equal(Sink, sink.Stage);
        Assert.Equal([$"0102|{BeamTime.EndOfGlobalWindowMillis}|{Early(0, first: true, last: true)}"], Panes(sink.Inputs[0].Elements));
    }

    [Fact]
    public void Batch_mode_emits_each_window_once_whatever_the_trigger()
    {
        var clock = new ManualClock(0);
        var options = new EngineOptions { Mode = ExecutionMode.Batch, TimeProvider = clock };
        var harness = Harness(new Trigger.OrFinally(new Trigger.Repeatedly(Count1), new Trigger.AfterProcessingTime([new TimestampTransform.Delay(1)])), options: options);
        var panes = Feed(harness, (1, 1), (2, 2), (3, 3));
        clock.NowMillis = 5;
        harness.Engine.RefreshProcessingTime();
        panes.AddRange(Panes(harness.Drain()));
        panes.AddRange(AdvanceTo(harness, BeamTime.MaxTimestampMillis));

        Assert.Equal([$"010203|9|{OnTime(0, first: true, last: true)}"], panes);
        Assert.Empty(clock.TimersCreated);
    }

    [Fact]
    public void Accumulating_early_on_time_and_late_panes_each_repeat_every_earlier_value()
    {
        var harness = Harness(new Trigger.AfterWatermark(Count2, Count1), lateness: 100, mode: AccumulationMode.Accumulating);
        var panes = Feed(harness, (1, 1), (2, 2), (3, 3));
        panes.AddRange(AdvanceTo(harness, 20));
        panes.AddRange(Feed(harness, (4, 4)));
        panes.AddRange(AdvanceTo(harness, BeamTime.MaxTimestampMillis));

        Assert.Equal([$"0102|9|{Early(0, first: true)}", $"010203|9|{OnTime(1)}", $"01020304|9|{Late(2, 1)}"], panes);
    }

    [Fact]
    public void Repeatedly_AfterWatermark_fires_on_time_then_once_per_late_batch_like_the_default_trigger()
    {
        var harness = Harness(new Trigger.Repeatedly(new Trigger.AfterWatermark(null, null)), lateness: 100);
        var panes = Feed(harness, (1, 1));
        panes.AddRange(AdvanceTo(harness, 20));
        panes.AddRange(Feed(harness, (2, 2), (3, 3)));
        panes.AddRange(AdvanceTo(harness, BeamTime.MaxTimestampMillis));

        Assert.Equal([$"01|9|{OnTime(0, first: true)}", $"02|9|{Late(1, 1)}", $"03|9|{Late(2, 2)}"], panes);
    }

    [Fact]
    public void AfterAll_past_its_processing_time_but_short_of_its_count_waits_for_the_count_without_spinning()
    {
        var clock = new ManualClock(1_000);
        var harness = Harness(new Trigger.AfterAll([Count2, new Trigger.AfterProcessingTime([new TimestampTransform.Delay(5)])]), options: new EngineOptions { TimeProvider = clock });
        var panes = Feed(harness, (1, 1));
        clock.NowMillis = 1_010;
        harness.Engine.RefreshProcessingTime();
        panes.AddRange(Panes(harness.Drain()));
        Assert.Empty(panes);
        Assert.Equal(NextBundleKind.Stuck, harness.Engine.GetNextBundle().Kind);

        panes.AddRange(Feed(harness, (2, 2)));
        Assert.Equal([$"0102|9|{Early(0, first: true, last: true)}"], panes);
    }
}
