namespace BeamConformance.Engine;

/// <summary>
/// The rest of an element a splittable DoFn did not process (a residual root of an element split,
/// <c>DelayedBundleApplication</c> in <c>beam_fn_api.proto</c>): a new element of the stage's main input, processed again
/// by the stage, holding its output watermark at <see cref="HoldMillis"/> until then.
/// </summary>
/// <param name="Input">The stage main input the element belongs to.</param>
/// <param name="Element">The residual element (for a splittable DoFn: the sized element with the residual restriction).</param>
/// <param name="HoldMillis">The output watermark hold (ms): the residual's lowest output watermark, else the element's timestamp.</param>
public sealed record ResidualRoot(PCollectionId Input, Element Element, long HoldMillis)
{
    /// <summary>
    /// How long (ms of the job's processing time, <see cref="EngineOptions.TimeProvider"/>) after the commit the residual
    /// may run: a self-checkpoint's <c>DelayedBundleApplication.requested_time_delay</c>; 0 (the default) runs it next.
    /// The hold stands meanwhile.
    /// </summary>
    public long DelayMillis { get; init; }
}
