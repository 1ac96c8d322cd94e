using System.Collections.Concurrent;
using BeamConformance.ReferenceRunner.Execution;
using BeamConformance.ReferenceRunner.FnApi;
using BeamConformance.ReferenceRunner.FnApi.Internal;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.ReferenceRunner.Workers.Internal;

/// <summary>
/// One SDK worker, the one home of its lifecycle: created when the runner expects it (or, refused later, when a stream
/// names it first), given its environment and its ProvisionInfo before it starts, its lease once started, its control
/// connection when its control stream opens, its data stream, the descriptors it may fetch, its bundles in flight and
/// where its ERROR logs go; <see cref="StopAsync"/> ends all of it. The ControlServer, DataServer, StateServer,
/// LoggingServer, ProvisionServer and ArtifactRetrievalServer all find the calling worker here, by its
/// <c>worker_id</c> metadata (<see cref="SdkWorkerRegistry"/>). Thread-safe.
/// </summary>
internal sealed class SdkWorker(string workerId)
{
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _closing = new();
    private TaskCompletionSource<StreamSender<Elements>> _data = NewDataSignal();
    private StreamSender<Elements>? _currentData;
    private volatile IJobMessageSink? _messages;
    private ProvisionInfo? _provision;
    private IWorkerLease? _lease;

    /// <summary>The id the worker sends as <c>worker_id</c> metadata on every Fn API call.</summary>
    public string WorkerId { get; } = workerId;

    /// <summary>The pipeline environment the worker runs (its id in the components), once the runner said.</summary>
    public string? EnvironmentId { get; set; }

    /// <summary>
    /// What ProvisionService.GetProvisionInfo answers the worker (job options, retrieval token = the job id, endpoints,
    /// dependencies, runner capabilities); null until the launcher provisions it, and for workers the ProvisionServer
    /// does not know (NOT_FOUND).
    /// </summary>
    public ProvisionInfo? Provision => Volatile.Read(ref _provision);

    /// <summary>How the worker was started; disposing it stops the worker. Null until started.</summary>
    public IWorkerLease? Lease
    {
        get => Volatile.Read(ref _lease);
        set => Volatile.Write(ref _lease, value);
    }

    /// <summary>The descriptors the worker may fetch with GetProcessBundleDescriptor, by id.</summary>
    public ConcurrentDictionary<string, ProcessBundleDescriptor> Descriptors { get; } = new(StringComparer.Ordinal);

    /// <summary>The worker's bundles in flight, by instruction id: data and state requests are routed to them.</summary>
    public ConcurrentDictionary<string, BundleTracker> ActiveBundles { get; } = new(StringComparer.Ordinal);

    /// <summary>Completes with the control connection when the worker opens its control stream (one per worker).</summary>
    public TaskCompletionSource<WorkerConnection> Connected { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Cancelled when the runner is done with this worker: its streams end.</summary>
    public CancellationToken Closing => _closing.Token;

    /// <summary>The job's message sink the worker's ERROR and CRITICAL log entries go to, or null.</summary>
    public IJobMessageSink? Messages
    {
        get => _messages;
        set => _messages = value;
    }

    /// <summary>The worker's data stream, once the worker has opened it.</summary>
    public Task<StreamSender<Elements>> DataStream
    {
        get
        {
            lock (_lock)
            {
                return _data.Task;
            }
        }
    }

    /// <summary>Gives the worker its ProvisionInfo, once, before it starts.</summary>
    /// <exception cref="InvalidOperationException">The worker was already provisioned (a runner bug: worker ids are unique).</exception>
    public void Provide(ProvisionInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (Interlocked.CompareExchange(ref _provision, info, null) is not null)
        {
            throw new InvalidOperationException($"ReferenceRunner bug: worker id '{WorkerId}' is already in use by a running worker.");
        }
    }

    public void AttachData(StreamSender<Elements> sender)
    {
        lock (_lock)
        {
            _currentData = sender;
            if (!_data.TrySetResult(sender))
            {
                _data = new TaskCompletionSource<StreamSender<Elements>>(TaskCreationOptions.RunContinuationsAsynchronously);
                _data.SetResult(sender);
            }
        }
    }

    public void DetachData(StreamSender<Elements> sender)
    {
        lock (_lock)
        {
            if (ReferenceEquals(_currentData, sender))
            {
                _currentData = null;
                _data = NewDataSignal();
            }
        }
    }

    /// <summary>
    /// Ends the worker's streams (the SDK shuts down; the control connection says the runner stopped using it) and fails
    /// its bundles in flight. Idempotent.
    /// </summary>
    public void Close()
    {
        if (Connected.Task.IsCompletedSuccessfully)
        {
            Connected.Task.Result.OnDisconnected("the runner stopped using the worker");
        }

        try
        {
            _closing.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }

        foreach (var bundle in ActiveBundles.Values)
        {
            bundle.Fail(new WorkerDisconnectedException(WorkerId, "the runner stopped using the worker"));
        }
    }

    /// <summary>Stops the worker: <see cref="Close"/>, then disposes its lease (StopWorker, or killing its process).</summary>
    /// <exception cref="Exception">Whatever the lease's disposal threw (the caller logs it).</exception>
    public async ValueTask StopAsync()
    {
        Close();
        if (Interlocked.Exchange(ref _lease, null) is { } lease)
        {
            await lease.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static TaskCompletionSource<StreamSender<Elements>> NewDataSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
