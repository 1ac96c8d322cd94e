namespace BeamConformance.Engine.Internal.Triggers;

/// <summary>
/// <c>Trigger.AfterAny</c> (Java <c>AfterFirstStateMachine</c>): ready when any subtrigger is finished or ready;
/// firing fires the ready subtriggers, clears the others and finishes. Merging: finished when any merged subtrigger is.
/// </summary>
internal sealed class AfterAnyNode(TriggerNode[] subtriggers) : TriggerNode(subtriggers)
{
    public override void OnElement(in TriggerContext c)
    {
        foreach (var child in Children)
        {
            child.OnElement(c);
        }
    }

    public override void OnMerge(in TriggerContext c, IReadOnlyList<TriggerNode> sources)
    {
        base.OnMerge(c, sources);
        IsFinished = Children.Any(static s => s.IsFinished);
    }

    public override bool ShouldFire(in TriggerContext c)
    {
        foreach (var child in Children)
        {
            if (child.IsFinished || child.ShouldFire(c))
            {
                return true;
            }
        }

        return false;
    }

    public override void OnFire(in TriggerContext c)
    {
        foreach (var child in Children)
        {
            if (child.ShouldFire(c))
            {
                child.OnFire(c);
            }
            else
            {
                child.Clear();
            }
        }

        IsFinished = true;
    }
}
