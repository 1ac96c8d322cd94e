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
