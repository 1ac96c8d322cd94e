using BeamConformance.Model.Windowing;

namespace BeamConformance.Engine.Internal.Triggers;

/// <summary>
/// <c>Trigger.AfterProcessingTime</c> and <c>Trigger.AfterSynchronizedProcessingTime</c> (Java
/// <c>AfterDelayFromFirstElementStateMachine</c>): the first value after a clear records its processing time through
/// the timestamp transforms as the target; ready once the clock (processing time, or the stage's synchronized
/// processing time) is at or past the target; finishes when it fires. Merging: the earliest target of the merged windows.
/// </summary>
internal sealed class ProcessingTimeNode(Trigger.AfterProcessingTime? transforms, bool synchronized) : TriggerNode
{
    private long? _target;

    public override void OnElement(in TriggerContext c) => _target ??= transforms is null ? c.ProcessingTime : transforms.FireTime(c.ProcessingTime);

    public override void OnMerge(in TriggerContext c, IReadOnlyList<TriggerNode> sources)
    {
        _target = null;
        foreach (var source in sources)
        {
            if (((ProcessingTimeNode)source)._target is long t)
            {
                _target = _target is long m ? Math.Min(m, t) : t;
            }
        }
    }

    public override bool ShouldFire(in TriggerContext c) =>
        _target is long t && (synchronized ? c.SynchronizedProcessingTime : c.ProcessingTime) >= t;

    public override void OnFire(in TriggerContext c)
    {
        _target = null;
        IsFinished = true;
    }

    public override void Clear() => _target = null;

    public override long NextProcessingTimeWakeup(long nowMillis) => !synchronized && _target is long t && t > nowMillis ? t : long.MaxValue;

    public override bool WaitsForSynchronizedTime() => synchronized && _target is not null;
}
