namespace BeamConformance.Engine.Internal.Triggers;

/// <summary>
/// One node of a trigger state machine tree for one key and window (Java <c>TriggerStateMachine</c> run through
/// <c>ExecutableTriggerStateMachine</c>): its own state, its finished bit and its subtriggers' nodes.
/// </summary>
internal abstract class TriggerNode(params TriggerNode[] children)
{
    /// <summary>The subtriggers' nodes, in the order of the trigger's definition.</summary>
    public TriggerNode[] Children { get; } = children;

    /// <summary>The finished bit: true once this (sub)trigger will not fire again, until a repeat or a merge revives it.</summary>
    public bool IsFinished { get; set; }

    /// <summary>A value arrived in the window.</summary>
    public abstract void OnElement(in TriggerContext c);

    /// <summary>
    /// Takes over the state of the windows merged into this node's (fresh) window; <paramref name="sources"/> are the
    /// nodes at the same place in the merged windows' trees. The default merges every child and keeps the bit unset.
    /// </summary>
    public virtual void OnMerge(in TriggerContext c, IReadOnlyList<TriggerNode> sources)
    {
        for (var i = 0; i < Children.Length; i++)
        {
            Children[i].OnMerge(c, ChildrenAt(sources, i));
        }
    }

    /// <summary>True when the trigger would fire now.</summary>
    public abstract bool ShouldFire(in TriggerContext c);

    /// <summary>The trigger fires: update state and finished bits.</summary>
    public abstract void OnFire(in TriggerContext c);

    /// <summary>Forgets the state of this subtree (not its finished bits; Java <c>clear</c>).</summary>
    public virtual void Clear()
    {
        foreach (var child in Children)
        {
            child.Clear();
        }
    }

    /// <summary>Clears the state and the finished bits of this subtree (Java <c>resetTree</c>).</summary>
    public void ResetTree()
    {
        Clear();
        ResetBits();
    }

    /// <summary>
    /// The earliest processing-time target (ms) of this subtree's unfinished nodes that lies strictly after
    /// <paramref name="nowMillis"/>; <see cref="long.MaxValue"/> when none. Targets already reached are left out, so a
    /// composite waiting for a later part still gets a wake-up for it (Java sets one processing-time timer per
    /// <c>AfterDelayFromFirstElementStateMachine</c>).
    /// </summary>
    public virtual long NextProcessingTimeWakeup(long nowMillis)
    {
        var min = long.MaxValue;
        foreach (var child in Children)
        {
            if (!child.IsFinished)
            {
                min = Math.Min(min, child.NextProcessingTimeWakeup(nowMillis));
            }
        }

        return min;
    }

    /// <summary>True when some unfinished node of this subtree waits for synchronized processing time.</summary>
    public virtual bool WaitsForSynchronizedTime()
    {
        foreach (var child in Children)
        {
            if (!child.IsFinished && child.WaitsForSynchronizedTime())
            {
                return true;
            }
        }

        return false;
    }

    protected static IReadOnlyList<TriggerNode> ChildrenAt(IReadOnlyList<TriggerNode> sources, int index)
    {
        var children = new TriggerNode[sources.Count];
        for (var i = 0; i < sources.Count; i++)
        {
            children[i] = sources[i].Children[index];
        }

        return children;
    }

    protected static bool AnyFinished(IReadOnlyList<TriggerNode> nodes) => nodes.Any(static n => n.IsFinished);

    protected static bool AllFinished(IReadOnlyList<TriggerNode> nodes) => nodes.All(static n => n.IsFinished);

    private void ResetBits()
    {
        IsFinished = false;
        foreach (var child in Children)
        {
            child.ResetBits();
        }
    }
}
