namespace BeamConformance.Engine.Internal.Triggers;

/// <summary>
/// <c>Trigger.Default</c> (Java <c>DefaultTriggerStateMachine</c>): ready whenever the input watermark is past the
/// window's end, so an ON_TIME pane and then one LATE pane per batch of late input; never finishes.
/// </summary>
internal sealed class DefaultNode() : TriggerNode
{
    public override void OnElement(in TriggerContext c)
    {
    }

    public override bool ShouldFire(in TriggerContext c) => c.EndOfWindowReached;

    public override void OnFire(in TriggerContext c)
    {
    }
}
