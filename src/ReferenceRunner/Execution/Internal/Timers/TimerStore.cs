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
    public void Commit(StageId stage, Dictionary<TimerId, PendingTimer> timers)
    {
        lock (_lock)
        {
            _stages[stage] = timers;
        }
    }
}
