namespace BeamConformance.Engine.Internal.Triggers;

/// <summary>
/// <c>Trigger.ElementCount</c> (Java <c>AfterPaneStateMachine</c>): ready once the window holds at least the count of
/// values since the trigger was last cleared; finishes when it fires. Merging: finished when finished in any merged
/// window, else the counts add up. A count below 1 is read as 1 (a trigger cannot fire on no value).
/// </summary>
internal sealed class ElementCountNode(long count) : TriggerNode
{
    private long _seen;

    public override void OnElement(in TriggerContext c) => _seen++;

    public override void OnMerge(in TriggerContext c, IReadOnlyList<TriggerNode> sources)
    {
        if (AnyFinished(sources))
        {
            IsFinished = true;
            _seen = 0;
            return;
        }

        _seen = sources.Sum(static s => ((ElementCountNode)s)._seen);
    }

    public override bool ShouldFire(in TriggerContext c) => _seen >= Math.Max(1, count);

    public override void OnFire(in TriggerContext c)
    {
        _seen = 0;
        IsFinished = true;
    }

    public override void Clear() => _seen = 0;
}
