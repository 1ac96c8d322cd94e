using BeamConformance.Model.Windows;

namespace BeamConformance.Engine.Internal;

/// <summary>
/// The default trigger, Repeatedly.forever(AfterWatermark.pastEndOfWindow()): ready whenever the input
/// watermark is past the window's max timestamp; never finished (garbage collection closes the window).
/// </summary>
internal sealed class DefaultTriggerStateMachine : ITriggerStateMachine
{
    public bool IsFinished => false;

    public void OnElement(BoundedWindow window, long timestampMillis)
    {
    }

    public bool ShouldFire(BoundedWindow window, long inputWatermarkMillis) => inputWatermarkMillis > window.MaxTimestampMillis;

    public void OnFire(BoundedWindow window, long inputWatermarkMillis)
    {
    }

    public void OnMerge(IReadOnlyList<ITriggerStateMachine> sources)
    {
    }
}
