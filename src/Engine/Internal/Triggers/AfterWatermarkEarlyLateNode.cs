namespace BeamConformance.Engine.Internal.Triggers;

/// <summary>
/// <c>Trigger.AfterEndOfWindow</c> with early and/or late firings (Java
/// <c>AfterWatermarkStateMachine.AfterWatermarkEarlyAndLate</c>). Children: the early trigger (Never when the proto
/// has none) and the late trigger, if any. Before the end of the window the early trigger fires repeatedly; the
/// firing when the watermark passes the end is the ON_TIME one (the early trigger's finished bit then marks "past the
/// end"); after it the late trigger fires repeatedly, or the whole trigger finishes when there is none.
/// </summary>
internal sealed class AfterWatermarkEarlyLateNode(TriggerNode early, TriggerNode? late)
    : TriggerNode(late is null ? [early] : [early, late])
{
    private TriggerNode Early => Children[0];

    private TriggerNode? Late => Children.Length > 1 ? Children[1] : null;

    public override void OnElement(in TriggerContext c)
    {
        if (!c.IsMerging)
        {
            (Early.IsFinished ? Late : Early)?.OnElement(c);
            return;
        }

        foreach (var child in Children)
        {
            child.OnElement(c);
        }
    }

    public override void OnMerge(in TriggerContext c, IReadOnlyList<TriggerNode> sources)
    {
        var earlySources = ChildrenAt(sources, 0);
        if (!AllFinished(earlySources) || !c.EndOfWindowReached)
        {
            Early.OnMerge(c, earlySources);
            Early.IsFinished = false;
            if (Late is { } lateNode)
            {
                lateNode.IsFinished = false;
                lateNode.Clear();
            }
        }
        else
        {
            Early.IsFinished = true;
            Late?.OnMerge(c, ChildrenAt(sources, 1));
        }
    }

    public override bool ShouldFire(in TriggerContext c)
    {
        if (!Early.IsFinished)
        {
            return Early.ShouldFire(c) || c.EndOfWindowReached;
        }

        return Late is { } lateNode && lateNode.ShouldFire(c);
    }

    public override void OnFire(in TriggerContext c)
    {
        if (!Early.IsFinished)
        {
            if (!c.EndOfWindowReached)
            {
                // An early firing; the early trigger repeats.
                Early.OnFire(c);
                Early.ResetTree();
                return;
            }

            // The ON_TIME firing: the early trigger is done for good, the late one starts afresh.
            if (Early.ShouldFire(c))
            {
                Early.OnFire(c);
            }

            Early.Clear();
            Early.IsFinished = true;
            if (Late is { } lateNode)
            {
                lateNode.ResetTree();
            }
            else
            {
                IsFinished = true;
            }

            return;
        }

        if (Late is { } late)
        {
            // A late firing; the late trigger repeats.
            late.OnFire(c);
            late.ResetTree();
        }
        else
        {
            IsFinished = true;
        }
    }
}
