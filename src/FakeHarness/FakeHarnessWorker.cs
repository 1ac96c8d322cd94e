using BeamConformance.FakeHarness.Internal;

namespace BeamConformance.FakeHarness;

/// <summary>
/// One SDK harness worker: the SDK side of the Fn API. It opens the control stream (with the <c>worker_id</c>
/// header), reads pipeline options from the provision endpoint, sends its log entries to the logging endpoint,
/// registers ProcessBundleDescriptors (or fetches them with GetProcessBundleDescriptor), and processes bundles of
/// fused stages made of our test transforms, reading and writing elements on the data channels and side inputs on
/// the state channel that each descriptor names. Bundles run concurrently; progress requests are answered with
/// element counts, split requests with channel splits computed as Beam's SDK harnesses do.
/// </summary>
public sealed class FakeHarnessWorker
{
    private readonly WorkerEndpoints _endpoints;
    private readonly ICaptureSink? _captures;
    private readonly ProtocolRecorder _recorder;
    private readonly FakeHarnessOptions _options;

    /// <summary>Creates a worker; nothing connects until <see cref="RunAsync"/>.</summary>
    /// <param name="endpoints">The worker id and the runner's endpoints.</param>
    /// <param name="captures">Where captures go; null to read the <c>capture_endpoint</c> pipeline option from the
    /// provision service and send them to that CaptureService.</param>
    /// <param name="recorder">Where the protocol is recorded; null for a private recorder (see <see cref="Recorder"/>).</param>
    /// <param name="options">Settings; null for defaults.</param>
    public FakeHarnessWorker(WorkerEndpoints endpoints, ICaptureSink? captures, ProtocolRecorder? recorder = null, FakeHarnessOptions? options = null)
    {
        _endpoints = endpoints ?? throw new ArgumentNullException(nameof(endpoints));
        ArgumentException.ThrowIfNullOrEmpty(endpoints.WorkerId);
        ArgumentException.ThrowIfNullOrEmpty(endpoints.ControlEndpoint);
        _captures = captures;
        _recorder = recorder ?? new ProtocolRecorder();
        _options = options ?? new FakeHarnessOptions();
    }

    /// <summary>The worker id.</summary>
    public string WorkerId => _endpoints.WorkerId;

    /// <summary>The recorder this worker writes to.</summary>
    public ProtocolRecorder Recorder => _recorder;

    /// <summary>
    /// Runs the worker until the runner ends the control stream or <paramref name="cancellationToken"/> fires
    /// (bundles in progress, including stalled ones, are then abandoned).
    /// </summary>
    /// <param name="cancellationToken">Stops the worker.</param>
    /// <returns>A task that completes when the worker has stopped; it faults when the control stream cannot be opened
    /// or fails (an <see cref="Grpc.Core.RpcException"/>), or when no capture sink is known.</returns>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var session = new WorkerSession(_endpoints, _captures, _recorder, _options);
        await session.RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
