using BeamConformance.Engine.Internal;

namespace BeamConformance.Engine;

/// <summary>
/// A job's virtual processing-time clock: a <see cref="TimeProvider"/> that stands still until <see cref="Advance"/>
/// moves it (TestStream's <c>ProcessingTimeEvent</c>), so processing-time triggers fire exactly where a test says.
/// It starts at the Unix epoch (0 ms), as the test clock of Beam's Python direct runner does
/// (<c>apache_beam/runners/direct/clock.py</c> <c>TestClock</c>: <c>Timestamp()</c>).
/// </summary>
/// <remarks>
/// <para>Timers made by <see cref="CreateTimer"/> run on virtual time: a timer fires, on the thread calling
/// <see cref="Advance"/>, once the clock has reached its due time; a timer due when it is created or changed fires
/// at the next call, <c>Advance(0)</c> included; a periodic timer fires at most once per call, then is re-armed a
/// period after its due time, or after now when that passed too.
/// <see cref="GetTimestamp"/> counts virtual ticks, so <see cref="TimeProvider.GetElapsedTime(long)"/> and
/// delays given this clock as their TimeProvider follow the virtual clock too.</para>
/// <para>The clock never goes back and stops at <see cref="DateTimeOffset.MaxValue"/> (9999-12-31, far before
/// Beam's max timestamp, which a <see cref="DateTimeOffset"/> cannot hold); a timer due after that last instant is
/// never armed, as the clock cannot reach it. Thread-safe.</para>
/// </remarks>
public sealed class VirtualClock : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<VirtualTimer> _timers = [];
    private DateTimeOffset _now = DateTimeOffset.UnixEpoch;

    /// <summary>The current virtual time in ms since the Unix epoch.</summary>
    public long NowMillis { get { lock (_lock) { return _now.ToUnixTimeMilliseconds(); } } }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() { lock (_lock) { return _now; } }

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Ticks per second of <see cref="GetTimestamp"/>: <see cref="TimeSpan.TicksPerSecond"/> (100 ns ticks).</summary>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>The virtual time in 100 ns ticks since the Unix epoch.</summary>
    public override long GetTimestamp() { lock (_lock) { return (_now - DateTimeOffset.UnixEpoch).Ticks; } }

    /// <summary>
    /// Moves the clock forward by <paramref name="millis"/> ms (clamped at <see cref="DateTimeOffset.MaxValue"/>) and
    /// fires the timers that came due, in due-time order.
    /// </summary>
    /// <param name="millis">How far, in ms; 0 is allowed and fires nothing new.</param>
    /// <returns>The new time in ms since the Unix epoch.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="millis"/> is negative: processing time never goes back.</exception>
    public long Advance(long millis)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(millis);
        long now;
        lock (_lock)
        {
            var room = (DateTimeOffset.MaxValue - _now).Ticks / TimeSpan.TicksPerMillisecond;
            _now = millis >= room ? DateTimeOffset.MaxValue : _now.AddMilliseconds(millis);
            now = _now.ToUnixTimeMilliseconds();
        }

        while (NextDue() is { } timer)
        {
            timer.Fire();
        }

        return now;
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    internal void Schedule(VirtualTimer timer, DateTimeOffset? due)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
            timer.Due = due;
            if (due is not null)
            {
                _timers.Add(timer);
            }
        }
    }

    internal DateTimeOffset Now { get { lock (_lock) { return _now; } } }

    // The earliest timer due now, taken off the list (a periodic one is put back for its next period), or null.
    private VirtualTimer? NextDue()
    {
        lock (_lock)
        {
            VirtualTimer? first = null;
            foreach (var timer in _timers)
            {
                if (timer.Due <= _now && (first is null || timer.Due < first.Due))
                {
                    first = timer;
                }
            }

            if (first is not null)
            {
                _timers.Remove(first);
                first.Rearm(_now, _timers);
            }

            return first;
        }
    }
}
