using BeamConformance.FakeHarness.Internal;

namespace BeamConformance.FakeHarness;

/// <summary>
/// Runs one worker the way the FakeHarness executable does (the SDK container contract): captures go to the
/// suite's <c>beamconformance.v1.CaptureService</c> at <c>captureEndpoint</c>, or at the pipeline option
/// <c>capture_endpoint</c> read from the provision endpoint when <c>captureEndpoint</c> is null.
/// </summary>
public static class FakeHarnessProcess
{
    /// <summary>Runs the worker until the runner ends the control stream or <paramref name="cancellationToken"/> fires.</summary>
    /// <param name="endpoints">The worker id and the runner's endpoints (from the command-line flags).</param>
    /// <param name="captureEndpoint">The CaptureService endpoint, <c>host:port</c>, or null.</param>
    /// <param name="cancellationToken">Stops the worker.</param>
    /// <returns>A task that completes when the worker stops.</returns>
    /// <exception cref="InvalidOperationException">No capture endpoint is known.</exception>
    /// <exception cref="Grpc.Core.RpcException">The control stream or the provision call failed.</exception>
    public static async Task RunAsync(WorkerEndpoints endpoints, string? captureEndpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        using var sink = captureEndpoint is null ? null : new GrpcCaptureSink(captureEndpoint);
        var worker = new FakeHarnessWorker(endpoints, sink);
        await worker.RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
