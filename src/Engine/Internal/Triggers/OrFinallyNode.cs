namespace BeamConformance.Engine.Internal.Triggers;

/// <summary>
/// <c>Trigger.OrFinally</c> (Java <c>OrFinallyStateMachine</c>): children main and until, both see every value; ready
/// when either is. When until is ready it fires and main is cleared, else main fires (until keeps its state across
/// main's firings). Finished as soon as either child is finished.
/// </summary>
internal sealed class OrFinallyNode(TriggerNode main, TriggerNode until) : TriggerNode(main, until)
{
    private TriggerNode Main => Children[0];

    private TriggerNode Until => Children[1];

    public override void OnElement(in TriggerContext c)
    {
        Main.OnElement(c);
        Until.OnElement(c);
    }

    public override void OnMerge(in TriggerContext c, IReadOnlyList<TriggerNode> sources)
    {
        base.OnMerge(c, sources);
        IsFinished = Main.IsFinished || Until.IsFinished;
    }

    public override bool ShouldFire(in TriggerContext c) => Main.ShouldFire(c) || Until.ShouldFire(c);

    public override void OnFire(in TriggerContext c)
    {
        if (Until.ShouldFire(c))
        {
            Until.OnFire(c);
            Main.Clear();
        }
        else
        {
            Main.OnFire(c);
        }

        IsFinished = Main.IsFinished || Until.IsFinished;
    }
}
