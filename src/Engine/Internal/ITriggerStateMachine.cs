using BeamConformance.Model.Windows;

namespace BeamConformance.Engine.Internal;

/// <summary>
/// The state of one trigger for one key and window of a GroupByKey (Java <c>TriggerStateMachine</c>).
/// The aggregation calls <see cref="OnElement"/> for each arriving value, asks <see cref="ShouldFire"/> after
/// each batch of input and at the window's end-of-window timer, and calls <see cref="OnFire"/> when it fires.
/// </summary>
internal interface ITriggerStateMachine
{
    /// <summary>True once the trigger will never fire again (its window then drops further input until garbage collection).</summary>
    bool IsFinished { get; }

    void OnElement(BoundedWindow window, long timestampMillis);

    bool ShouldFire(BoundedWindow window, long inputWatermarkMillis);

    void OnFire(BoundedWindow window, long inputWatermarkMillis);

    /// <summary>Takes over the states of merged source windows (this state is the merged window's, freshly made).</summary>
    void OnMerge(IReadOnlyList<ITriggerStateMachine> sources);
}
