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
        var strategy = WindowingStrategy.Default with
        {
            Trigger = new Model.Windowing.Trigger.Repeatedly(new Model.Windowing.Trigger.AfterProcessingTime([new Model.Windowing.TimestampTransform.Delay(5000)])),
        };
        var graph = new StageGraphBuilder()
            .AddExternalInput(GroupByKeyHarness.Source, new("in"))
            .AddGroupByKey(GroupByKeyHarness.Gbk, new("in"), new("out"), strategy)
            .AddSdkStage(GroupByKeyHarness.Sink, [new("out")], [])
            .Build();
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
}
