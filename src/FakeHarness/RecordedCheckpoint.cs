namespace BeamConformance.FakeHarness;

/// <summary>A residual root a splittable DoFn deferred by self-checkpointing (a <c>DelayedBundleApplication</c> of its response).</summary>
/// <param name="From">The first offset of the deferred restriction.</param>
/// <param name="To">The end (exclusive) of the deferred restriction.</param>
/// <param name="DelayMillis">Its <c>requested_time_delay</c> (ms).</param>
public sealed record RecordedCheckpoint(long From, long To, long DelayMillis)
{
    /// <summary>
    /// The residual's watermark (ms): the least of its <c>output_watermarks</c> (the test SDF gives every output its
    /// estimator's watermark, which is also the estimator state in the residual's restriction); null when it has none.
    /// </summary>
    public long? OutputWatermarkMillis { get; init; }
}
