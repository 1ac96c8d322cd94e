namespace BeamConformance.Engine.Internal.Triggers;

/// <summary>
/// <c>Trigger.AfterEach</c> (Java <c>AfterEachStateMachine</c>): the first unfinished subtrigger is the current one;
/// the trigger is ready when it is and fires it; finished when no subtrigger is left. With a merging window fn every
/// subtrigger sees every value (a merge may revive an earlier one) and all are cleared after each firing.
/// </summary>
internal sealed class AfterEachNode(TriggerNode[] subtriggers) : TriggerNode(subtriggers)
{
    private TriggerNode? Current => Array.Find(Children, static s => !s.IsFinished);

    public override void OnElement(in TriggerContext c)
    {
        if (!c.IsMerging)
        {
            Current?.OnElement(c);
            return;
        }

        foreach (var child in Children)
        {
            child.OnElement(c);
        }
    }

    public override void OnMerge(in TriggerContext c, IReadOnlyList<TriggerNode> sources)
    {
        var priorAllFinished = true;
        for (var i = 0; i < Children.Length; i++)
        {
            if (priorAllFinished)
            {
                Children[i].OnMerge(c, ChildrenAt(sources, i));
                priorAllFinished &= Children[i].IsFinished;
            }
            else
            {
                Children[i].Clear();
            }
        }

        IsFinished = Current is null;
    }

    public override bool ShouldFire(in TriggerContext c) => Current is { } current && current.ShouldFire(c);

    public override void OnFire(in TriggerContext c)
    {
        Current?.OnFire(c);
        if (c.IsMerging)
        {
            foreach (var child in Children)
            {
                child.Clear();
            }
        }

        IsFinished = Current is null;
    }

    public override long NextProcessingTimeWakeup(long nowMillis) => Current?.NextProcessingTimeWakeup(nowMillis) ?? long.MaxValue;

    public override bool WaitsForSynchronizedTime() => Current?.WaitsForSynchronizedTime() ?? false;
}
