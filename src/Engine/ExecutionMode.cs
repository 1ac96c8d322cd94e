namespace BeamConformance.Engine;

/// <summary>
/// How a <see cref="JobEngine"/> moves watermarks: Beam's batch semantics for bounded pipelines, or the
/// watermark-driven streaming rules. The rule of each mode is written down in the engine's README
/// ("Semantics in one place").
/// </summary>
public enum ExecutionMode
{
    /// <summary>
    /// Every output watermark is the min of the stage's input watermark, its pending and in-flight element
    /// timestamps and its holds; a GroupByKey drops data whose window expired (max timestamp + allowed
    /// lateness before its input watermark) at arrival.
    /// </summary>
    Streaming,

    /// <summary>
    /// A stage's output watermark stays at <see cref="Model.BeamTime.MinTimestampMillis"/> while it still has
    /// input to come or to process, then jumps to <see cref="Model.BeamTime.MaxTimestampMillis"/>: a GroupByKey's
    /// input watermark is the minimum while any element can still reach it, so nothing is ever late, and each
    /// window fires once, at the end (the runner authoring guide's bounded source; Python's FnApiRunner).
    /// </summary>
    Batch,
}
