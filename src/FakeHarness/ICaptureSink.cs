namespace BeamConformance.FakeHarness;

/// <summary>
/// Where a harness worker delivers what its capture sinks received: the in-process <see cref="CaptureStore"/>, or
/// (out of process) a client of the suite's <c>beamconformance.v1.CaptureService</c>.
/// </summary>
public interface ICaptureSink
{
    /// <summary>
    /// Delivers one bundle's captures and failures. Called once per finished bundle, before the harness answers
    /// the ProcessBundleRequest; a successful bundle has no failures, a failed one no elements (its output is discarded).
    /// </summary>
    /// <param name="elements">The elements captured by the bundle, in arrival order.</param>
    /// <param name="failures">The bundle's failure, if any.</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    /// <returns>A task that completes when the sink holds the captures.</returns>
    Task DeliverAsync(IReadOnlyList<CaptureRecord> elements, IReadOnlyList<CaptureFailure> failures, CancellationToken cancellationToken);
}
