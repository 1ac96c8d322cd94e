namespace BeamConformance.FakeHarness;

/// <summary>A residual root a splittable DoFn deferred by self-checkpointing (a <c>DelayedBundleApplication</c> of its response).</summary>
/// <param name="From">The first offset of the deferred restriction.</param>
/// <param name="To">The end (exclusive) of the deferred restriction.</param>
/// <param name="DelayMillis">Its <c>requested_time_delay</c> (ms).</param>
public sealed record RecordedCheckpoint(long From, long To, long DelayMillis);
