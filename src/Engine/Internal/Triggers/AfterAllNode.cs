namespace BeamConformance.Engine.Internal.Triggers;

/// <summary>
/// <c>Trigger.AfterAll</c> (Java <c>AfterAllStateMachine</c>): ready when every subtrigger is finished or ready;
/// firing fires every subtrigger and finishes. Merging: finished when every merged subtrigger is finished.
/// </summary>
internal sealed class AfterAllNode(TriggerNode[] subtriggers) : TriggerNode(subtriggers)
{
    public override void OnElement(in TriggerContext c)
    {
        foreach (var child in Children)
        {
            if (!child.IsFinished)
            {
                child.OnElement(c);
            }
        }
    }

    public override void OnMerge(in TriggerContext c, IReadOnlyList<TriggerNode> sources)
    {
        base.OnMerge(c, sources);
        IsFinished = Children.All(static s => s.IsFinished);
    }

    public override bool ShouldFire(in TriggerContext c)
    {
        foreach (var child in Children)
        {
            if (!child.IsFinished && !child.ShouldFire(c))
            {
                return false;
            }
        }

        return true;
    }

    public override void OnFire(in TriggerContext c)
    {
        foreach (var child in Children)
        {
            child.OnFire(c);
        }

        IsFinished = true;
    }
}
