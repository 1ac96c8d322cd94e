namespace BeamConformance.Engine.Internal;

/// <summary>A timer of a <see cref="VirtualClock"/>: due and period in virtual time; fired by <see cref="VirtualClock.Advance"/>.</summary>
internal sealed class VirtualTimer(VirtualClock clock, TimerCallback callback, object? state) : ITimer
{
    private TimeSpan _period = Timeout.InfiniteTimeSpan;
    private bool _disposed;

    /// <summary>When it fires next (virtual), or null when it is not armed. Guarded by the clock's lock.</summary>
    public DateTimeOffset? Due { get; set; }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "the due time must be at least zero, or infinite");
        }

        if (period < TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "the period must be at least zero, or infinite");
        }

        if (_disposed)
        {
            return false;
        }

        _period = period;
        var now = clock.Now;
        // A due time past the clock's last instant is never reached: the timer is not armed (armed at the last instant
        // instead, it would fire at every Advance once the clock stops there, and a callback that re-arms it would
        // fire it again and again inside one Advance).
        DateTimeOffset? due = dueTime == Timeout.InfiniteTimeSpan || DateTimeOffset.MaxValue - now < dueTime ? null : now + dueTime;
        // A timer due now fires at the next Advance (Advance(0) too), never inside Change: its callback may take
        // locks its creator holds.
        clock.Schedule(this, due);
        return true;
    }

    /// <summary>Called under the clock's lock when the timer was taken off the list to fire: arms the next period.</summary>
    public void Rearm(DateTimeOffset now, List<VirtualTimer> timers)
    {
        if (_period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero || Due is null)
        {
            Due = null;
            return;
        }

        if (DateTimeOffset.MaxValue - now < _period)
        {
            Due = null;
            return;
        }

        // The next period after now: one call per Advance however many periods it passed.
        var next = Due.Value + _period;
        Due = next <= now ? now + _period : next;
        timers.Add(this);
    }

    public void Fire() => callback(state);

    public void Dispose()
    {
        _disposed = true;
        clock.Schedule(this, null);
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
