namespace BeamConformance.Engine.Internal.Triggers;

/// <summary>
/// <c>Trigger.AfterEndOfWindow</c> without early or late firings (Java <c>AfterWatermarkStateMachine.FromEndOfWindow</c>):
/// ready once the input watermark passes the window's end; finishes when it fires. Merging: unfinished when
/// unfinished in any merged window or when the merged window's end is not reached yet.
/// </summary>
internal sealed class AfterWatermarkNode() : TriggerNode
{
    public override void OnElement(in TriggerContext c)
    {
    }

    public override void OnMerge(in TriggerContext c, IReadOnlyList<TriggerNode> sources) =>
        IsFinished = AllFinished(sources) && c.EndOfWindowReached;

    public override bool ShouldFire(in TriggerContext c) => c.EndOfWindowReached;

    public override void OnFire(in TriggerContext c) => IsFinished = true;
}
