namespace BeamConformance.Engine;

/// <summary>
/// Work for an SDK stage, handed out by <see cref="JobEngine.GetNextBundle"/>. The runner runs it on an SDK
/// harness and then calls exactly one of <see cref="JobEngine.CommitBundle"/> or <see cref="JobEngine.FailBundle"/>.
/// </summary>
/// <param name="Id">The bundle id.</param>
/// <param name="Stage">The SDK stage to run.</param>
/// <param name="Inputs">One entry per main input of the stage, in the stage's input order (some may be empty).</param>
/// <param name="InputWatermarkMillis">The stage's input watermark (ms) when the bundle was made.</param>
public sealed record Bundle(BundleId Id, StageId Stage, IReadOnlyList<BundleInput> Inputs, long InputWatermarkMillis)
{
    /// <summary>1 for a first run; 2, 3, ... when the same bundle is re-issued after <see cref="JobEngine.FailBundle"/> (see <see cref="EngineOptions.MaxBundleAttempts"/>).</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>
    /// The stage's input watermark held by its own unprocessed input (ms): the least of <see cref="InputWatermarkMillis"/>
    /// and the timestamps of the stage's queued and in-flight elements, this bundle's included, when the bundle was made.
    /// Beam's input watermark of a transform counts the elements it has not processed yet (the DirectRunner's pending
    /// bundles hold it): what a stateful ParDo's state garbage collection must wait for.
    /// </summary>
    public long HeldInputWatermarkMillis { get; init; } = BeamConformance.Model.BeamTime.MinTimestampMillis;

    /// <summary>The job's processing time (ms) when the bundle was made: processing-time timers due by it fire in the bundle.</summary>
    public long ProcessingTimeMillis { get; init; } = long.MinValue;

    /// <summary>Total number of elements over all inputs.</summary>
    public int ElementCount => Inputs.Sum(static i => i.Elements.Count);
}
