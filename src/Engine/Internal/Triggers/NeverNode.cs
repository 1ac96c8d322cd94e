namespace BeamConformance.Engine.Internal.Triggers;

/// <summary><c>Trigger.Never</c> (Java <c>NeverStateMachine</c>): never ready; only garbage collection emits the window's pane.</summary>
internal sealed class NeverNode() : TriggerNode
{
    public override void OnElement(in TriggerContext c)
    {
    }

    public override bool ShouldFire(in TriggerContext c) => false;

    public override void OnFire(in TriggerContext c) => IsFinished = true;
}
