namespace BeamConformance.Engine.Internal.Triggers;

/// <summary>
/// <c>Trigger.Repeat</c> (Java <c>RepeatedlyStateMachine</c>): fires whenever its subtrigger fires; when the subtrigger
/// finishes, its whole subtree is reset (state and finished bits) so it starts over. Never finishes.
/// </summary>
internal sealed class RepeatedlyNode(TriggerNode subtrigger) : TriggerNode(subtrigger)
{
    public override void OnElement(in TriggerContext c) => Children[0].OnElement(c);

    public override bool ShouldFire(in TriggerContext c) => Children[0].ShouldFire(c);

    public override void OnFire(in TriggerContext c)
    {
        Children[0].OnFire(c);
        if (Children[0].IsFinished)
        {
            Children[0].ResetTree();
        }
    }
}
