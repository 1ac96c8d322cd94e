using BeamConformance.Engine.Internal;

namespace BeamConformance.Engine;

/// <summary>
/// When a GroupByKey emits panes for a key and window (the model's <c>Trigger</c> message). The engine
/// runs one trigger state machine per key and window.
/// </summary>
/// <remarks>
/// Only <see cref="Default"/> exists today; the other triggers of the model (AfterWatermark with early and
/// late firings, AfterProcessingTime, ElementCount, Repeatedly, AfterEach/All/Any, OrFinally, Never,
/// Always) are added as further subtypes with their own state machines.
/// </remarks>
public abstract record Trigger
{
    private protected Trigger() { }

    /// <summary>The model's default trigger: <c>Repeatedly.forever(AfterWatermark.pastEndOfWindow())</c>.</summary>
    public static Trigger Default { get; } = new DefaultTrigger();

    internal abstract ITriggerStateMachine NewStateMachine();
}
