using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness.Internal;

/// <summary>How a bundle ended: a response, or an error with the failure; the captures of a successful bundle.</summary>
internal sealed record BundleResult(ProcessBundleResponse? Response, string? Error, IReadOnlyList<CaptureRecord> Captures, IReadOnlyList<CaptureFailure> Failures)
{
    /// <summary>The transform ids whose finalization callbacks wait for the runner's FinalizeBundleRequest (empty: none).</summary>
    public IReadOnlyList<string> Finalizations { get; init; } = [];

    /// <summary>The residual roots deferred by self-checkpoints (also in the response's <c>residual_roots</c>).</summary>
    public IReadOnlyList<RecordedCheckpoint> Checkpoints { get; init; } = [];
}
