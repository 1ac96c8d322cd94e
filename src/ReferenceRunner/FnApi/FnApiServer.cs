using BeamConformance.ReferenceRunner.Execution;
using BeamConformance.ReferenceRunner.FnApi.Internal;
using BeamConformance.ReferenceRunner.Workers.Internal;
using Grpc.Core;
using Org.Apache.Beam.Model.FnExecution.V1;
using Microsoft.Extensions.Logging;

namespace BeamConformance.ReferenceRunner.FnApi;

/// <summary>
/// The runner's Fn API services (<c>beam_fn_api.proto</c>): BeamFnControl (Control, GetProcessBundleDescriptor),
/// BeamFnData, BeamFnState and BeamFnLogging, all on one port, every stream routed by the worker's
/// <c>worker_id</c> request metadata. Streams without it are refused with INVALID_ARGUMENT; a second control
/// stream for the same worker id with ALREADY_EXISTS; an unknown descriptor id with NOT_FOUND.
/// Thread-safe; shared by every job of the server.
/// </summary>
public sealed class FnApiServer
{
    private readonly ControlServer _control;
    private readonly DataServer _data;
    private readonly StateServer _state;
    private readonly LoggingServer _logging;
    private readonly TimeProvider _time;

    /// <summary>Creates the services.</summary>
    /// <param name="loggerFactory">Logging; SDK log entries use the category <c>BeamConformance.ReferenceRunner.Sdk</c>.</param>
    /// <param name="options">Limits; <see cref="FnApiOptions.Default"/> when null.</param>
    /// <param name="timeProvider">The clock of <see cref="WaitForWorkerAsync"/>'s timeout; <see cref="TimeProvider.System"/> when null.</param>
    public FnApiServer(ILoggerFactory loggerFactory, FnApiOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        Options = options ?? FnApiOptions.Default;
        _time = timeProvider ?? TimeProvider.System;
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxDataChunkBytes, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.StatePageBytes, 1, nameof(options));
        var logger = loggerFactory.CreateLogger("BeamConformance.ReferenceRunner.FnApi");
        _control = new ControlServer(Workers, Options, logger);
        _data = new DataServer(Workers, logger);
        _state = new StateServer(Workers, Options, logger);
        _logging = new LoggingServer(Workers, loggerFactory.CreateLogger("BeamConformance.ReferenceRunner.Sdk"));
    }

    /// <summary>
    /// The SDK workers of every job, by worker id; the ReferenceRunnerServer's ProvisionServer and
    /// ArtifactRetrievalServer share it.
    /// </summary>
    internal SdkWorkerRegistry Workers { get; } = new();

    /// <summary>The limits in force.</summary>
    public FnApiOptions Options { get; }

    /// <summary>Adds the Control, GetProcessBundleDescriptor, Data, State and Logging methods to a server.</summary>
    public void Bind(ServiceBinderBase binder)
    {
        ArgumentNullException.ThrowIfNull(binder);
        BeamFnControl.BindService(binder, _control);
        BeamFnData.BindService(binder, _data);
        BeamFnState.BindService(binder, _state);
        BeamFnLogging.BindService(binder, _logging);
    }

    /// <summary>
    /// Announces a worker about to be started, so its ERROR/CRITICAL log entries reach the job's messages.
    /// Call it before starting the worker; <see cref="WaitForWorkerAsync"/> then waits for its control stream.
    /// </summary>
    /// <param name="workerId">The id the worker will send as <c>worker_id</c>.</param>
    /// <param name="messages">The job's message sink, or null.</param>
    public void ExpectWorker(string workerId, IJobMessageSink? messages) => Expect(workerId, messages);

    /// <summary><see cref="ExpectWorker"/>, returning the worker's one home.</summary>
    internal SdkWorker Expect(string workerId, IJobMessageSink? messages)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        var worker = Workers.GetOrAdd(workerId);
        worker.Messages = messages;
        return worker;
    }

    /// <summary>Waits for a worker to open its control stream.</summary>
    /// <param name="workerId">The worker's <c>worker_id</c>.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The connection (already connected when the worker came first).</returns>
    /// <exception cref="TimeoutException">The worker did not connect within <paramref name="timeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<WorkerConnection> WaitForWorkerAsync(string workerId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        var worker = Workers.GetOrAdd(workerId);
        try
        {
            return await worker.Connected.Task.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"SDK worker '{workerId}' did not open its control stream within {timeout.TotalSeconds:0.###} s");
        }
    }

    /// <summary>
    /// Forgets a worker: ends its streams (the SDK shuts down), fails its bundles in flight and drops its
    /// descriptors. Safe to call for an unknown id.
    /// </summary>
    public void ForgetWorker(string workerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        Workers.Remove(workerId);
    }
}
