using BeamConformance.Model.Windows;

namespace BeamConformance.Engine.Internal.Triggers;

/// <summary>
/// What a trigger state machine sees when it is asked (Java <c>TriggerStateMachine.TriggerContext</c>): its window,
/// the GroupByKey's input watermark (event time), the job's processing time and the stage's synchronized processing
/// time (all ms), and whether the window fn merges.
/// </summary>
internal readonly record struct TriggerContext(BoundedWindow Window, long InputWatermark, long ProcessingTime, long SynchronizedProcessingTime, bool IsMerging)
{
    /// <summary>The input watermark is past the window's max timestamp (Java <c>endOfWindowReached</c>).</summary>
    public bool EndOfWindowReached => InputWatermark > Window.MaxTimestampMillis;
}
