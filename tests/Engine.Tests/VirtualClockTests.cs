using BeamConformance.Engine;

namespace BeamConformance.Engine.Tests;

public sealed class VirtualClockTests
{
    [Fact]
    public void Starts_at_the_epoch_and_moves_only_when_advanced()
    {
        var clock = new VirtualClock();

        Assert.Equal(DateTimeOffset.UnixEpoch, clock.GetUtcNow());
        Assert.Equal(0, clock.NowMillis);
        Assert.Equal(1500, clock.Advance(1500));
        Assert.Equal(1500, clock.NowMillis);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), clock.GetElapsedTime(0));
        Assert.Equal(1500, clock.Advance(0));
    }

    [Fact]
    public void Never_goes_back_and_stops_at_the_largest_DateTimeOffset()
    {
        var clock = new VirtualClock();

        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(-1));
        Assert.Equal(DateTimeOffset.MaxValue.ToUnixTimeMilliseconds(), clock.Advance(long.MaxValue));
        Assert.Equal(DateTimeOffset.MaxValue.ToUnixTimeMilliseconds(), clock.Advance(1));
    }

    [Fact]
    public void Timers_fire_on_virtual_time_in_due_order_and_a_periodic_one_rearms_a_period_after_now_when_it_missed_periods()
    {
        var clock = new VirtualClock();
        var fired = new List<string>();
        using var late = clock.CreateTimer(_ => fired.Add($"late@{clock.NowMillis}"), null, TimeSpan.FromMilliseconds(300), Timeout.InfiniteTimeSpan);
        using var early = clock.CreateTimer(_ => fired.Add($"early@{clock.NowMillis}"), null, TimeSpan.FromMilliseconds(100), Timeout.InfiniteTimeSpan);
        using var periodic = clock.CreateTimer(_ => fired.Add($"tick@{clock.NowMillis}"), null, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200));

        clock.Advance(99);
        Assert.Empty(fired);
        clock.Advance(1);
        clock.Advance(350);
        clock.Advance(199);
        Assert.Equal(3, fired.Count);
        clock.Advance(1);

        Assert.Equal(["early@100", "tick@450", "late@450", "tick@650"], fired);
    }

    [Fact]
    public void A_timer_due_after_the_clocks_last_instant_never_fires_even_once_the_clock_stops_there()
    {
        var clock = new VirtualClock();
        var fired = 0;
        clock.Advance(DateTimeOffset.MaxValue.ToUnixTimeMilliseconds() - 1000);
        using var beyond = clock.CreateTimer(_ => fired++, null, TimeSpan.FromMilliseconds(2000), Timeout.InfiniteTimeSpan);
        using var last = clock.CreateTimer(_ => fired += 10, null, TimeSpan.FromMilliseconds(999), Timeout.InfiniteTimeSpan);

        clock.Advance(long.MaxValue);
        clock.Advance(1);

        Assert.Equal(10, fired);
    }

    [Fact]
    public async Task Delays_on_the_clock_complete_when_it_is_advanced()
    {
        var clock = new VirtualClock();
        var delay = Task.Delay(TimeSpan.FromSeconds(5), clock, TestContext.Current.CancellationToken);

        clock.Advance(4999);
        Assert.False(delay.IsCompleted);
        clock.Advance(1);
        await delay.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }
}

public sealed class VirtualClockEngineTests
{
    /// <summary>
    /// A GroupByKey under Repeatedly(AfterProcessingTime(+5 s)) on a virtual clock: nothing fires while the clock stands
    /// still, the pane comes exactly when the clock reaches 5 s after the element arrived, through the engine's own
    /// wake-up timer on the clock (no explicit refresh).
    /// </summary>
    [Fact]
    public void Processing_time_triggers_fire_when_the_virtual_clock_reaches_their_time_and_not_before()
    {
        var clock = new VirtualClock();
        clock.Advance(1000);
        var graph = RepeatedProcessingTimeGraph(5000);
        var engine = new JobEngine(graph, new EngineOptions { TimeProvider = clock });

        engine.AddElements(GroupByKeyHarness.Source, [TestData.Kv(1, 7, 42)]);
        Assert.Equal(NextBundleKind.Stuck, engine.GetNextBundle().Kind);
        clock.Advance(4999);
        Assert.Equal(NextBundleKind.Stuck, engine.GetNextBundle().Kind);
        clock.Advance(1);

        var bundle = engine.GetNextBundle();
        Assert.Equal(NextBundleKind.Ready, bundle.Kind);
        var pane = Assert.Single(bundle.Bundle!.Inputs[0].Elements);
        Assert.Equal("GlobalWindow|01|07|9223371950454775|Pane(Early, index=0, onTimeIndex=-1, first)", GroupByKeyHarness.Describe(pane));
    }

    /// <summary>
    /// Processing-time delays longer than one wake-up timer may wait (2^32 - 2 ms, about 49.7 days) or than a TimeSpan
    /// holds: the element is taken (arming the wake-up throws nothing), and the 60-day pane comes when the clock gets
    /// there, through a wake-up re-armed after its first, capped, wait; the 40,000-year one never comes.
    /// </summary>
    [Theory]
    [InlineData(60L * 24 * 3600 * 1000, true)]
    [InlineData(40_000L * 365 * 24 * 3600 * 1000, false)]
    public void Processing_time_delays_beyond_one_timer_wait_fire_when_the_clock_gets_there(long delayMillis, bool fires)
    {
        var clock = new VirtualClock();
        var graph = RepeatedProcessingTimeGraph(delayMillis);
        var engine = new JobEngine(graph, new EngineOptions { TimeProvider = clock });

        engine.AddElements(GroupByKeyHarness.Source, [TestData.Kv(1, 7, 42)]);
        clock.Advance(uint.MaxValue);
        Assert.Equal(NextBundleKind.Stuck, engine.GetNextBundle().Kind);
        clock.Advance(delayMillis - uint.MaxValue - 1);
        Assert.Equal(NextBundleKind.Stuck, engine.GetNextBundle().Kind);
        clock.Advance(1);

        Assert.Equal(fires ? NextBundleKind.Ready : NextBundleKind.Stuck, engine.GetNextBundle().Kind);
    }

    /// <summary>On the real clock a wake-up 60 days ahead is armed too (a System timer alone refuses more than 49.7 days).</summary>
    [Fact]
    public void A_processing_time_delay_beyond_a_system_timers_longest_wait_is_taken_on_the_real_clock()
    {
        var graph = RepeatedProcessingTimeGraph(60L * 24 * 3600 * 1000);
        var engine = new JobEngine(graph, new EngineOptions { Mode = ExecutionMode.Streaming });

        engine.AddElements(GroupByKeyHarness.Source, [TestData.Kv(1, 7, 42)]);

        Assert.Equal(JobStatus.Running, engine.Status);
    }

    // External input → GroupByKey under Repeatedly(AfterProcessingTime(+delay ms)) → a sink stage.
    private static StageGraph RepeatedProcessingTimeGraph(long delayMillis)
    {
        var strategy = WindowingStrategy.Default with
        {
            Trigger = new Model.Windowing.Trigger.Repeatedly(new Model.Windowing.Trigger.AfterProcessingTime([new Model.Windowing.TimestampTransform.Delay(delayMillis)])),
        };
        return new StageGraphBuilder()
            .AddExternalInput(GroupByKeyHarness.Source, new("in"))
            .AddGroupByKey(GroupByKeyHarness.Gbk, new("in"), new("out"), strategy)
            .AddSdkStage(GroupByKeyHarness.Sink, [new("out")], [])
            .Build();
    }
}
