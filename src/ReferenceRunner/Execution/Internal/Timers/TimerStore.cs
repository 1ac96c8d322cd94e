using BeamConformance.Engine;

namespace BeamConformance.ReferenceRunner.Execution.Internal.Timers;

/// <summary>
/// The committed user timers of one job, per stage. A bundle works on a <see cref="TimerTransaction"/>: the timers it
/// fires and the ones the SDK set or cleared replace the stage's committed timers at once when the bundle commits, and
/// are dropped when it fails (the retried bundle fires the same timers again). Thread-safe.
/// </summary>
internal sealed class TimerStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<StageId, Dictionary<TimerId, PendingTimer>> _stages = [];
    private readonly Dictionary<StageId, HashSet<(string KeyHex, string WindowHex)>> _expiries = [];

    /// <summary>A copy of the (key, window) pairs whose on-window-expiration timer the stage has fired.</summary>
    public HashSet<(string KeyHex, string WindowHex)> ExpiriesFired(StageId stage)
    {
        lock (_lock)
        {
            return _expiries.TryGetValue(stage, out var fired) ? [.. fired] : [];
        }
    }

    /// <summary>A copy of the stage's committed timers.</summary>
    public Dictionary<TimerId, PendingTimer> Snapshot(StageId stage)
    {
        lock (_lock)
        {
            return _stages.TryGetValue(stage, out var timers) ? new(timers) : [];
        }
    }

    /// <summary>How many timers the stage has set.</summary>
    public int Count(StageId stage)
    {
        lock (_lock)
        {
            return _stages.TryGetValue(stage, out var timers) ? timers.Count : 0;
        }
    }

    /// <summary>Replaces the stage's committed timers by a bundle's final set.</summary>
    public void Commit(StageId stage, Dictionary<TimerId, PendingTimer> timers, HashSet<(string KeyHex, string WindowHex)> expiriesFired)
    {
        lock (_lock)
        {
            _stages[stage] = timers;
            _expiries[stage] = expiriesFired;
        }
    }
}
