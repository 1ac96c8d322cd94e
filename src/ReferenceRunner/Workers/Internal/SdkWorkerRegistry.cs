using System.Collections.Concurrent;
using Grpc.Core;
using BeamConformance.ReferenceRunner.FnApi.Internal;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.ReferenceRunner.Workers.Internal;

/// <summary>
/// Every <see cref="SdkWorker"/> the runner started and has not stopped, by worker id: the one registry the Fn API
/// servers, the ProvisionServer and the ArtifactRetrievalServer share (one per server, across its jobs). Thread-safe.
/// </summary>
internal sealed class SdkWorkerRegistry
{
    private readonly ConcurrentDictionary<string, SdkWorker> _workers = new(StringComparer.Ordinal);

    /// <summary>The worker with this id, created when new.</summary>
    public SdkWorker GetOrAdd(string workerId) => _workers.GetOrAdd(workerId, static id => new SdkWorker(id));

    /// <summary>The worker with this id, or null.</summary>
    public SdkWorker? Find(string workerId) => _workers.GetValueOrDefault(workerId);

    /// <summary>
    /// The calling worker (its <c>worker_id</c> metadata), which the runner must be expecting: a stream from any other id
    /// is NOT_FOUND, so that no client can open workers the runner never asked for (or take over a worker's);
    /// INVALID_ARGUMENT without <c>worker_id</c>.
    /// </summary>
    /// <exception cref="RpcException">NOT_FOUND or INVALID_ARGUMENT as above.</exception>
    public SdkWorker Caller(ServerCallContext context)
    {
        var workerId = WorkerIds.Require(context);
        return Find(workerId) ?? throw new RpcException(new Status(StatusCode.NotFound,
            $"{context.Method}: worker_id '{workerId}' names no worker this runner started (or it was stopped)"));
    }

    /// <summary>Registers a worker about to start with its ProvisionInfo.</summary>
    /// <exception cref="InvalidOperationException">A running worker already has the id (a runner bug).</exception>
    public SdkWorker Provide(string workerId, ProvisionInfo info)
    {
        var worker = GetOrAdd(workerId);
        worker.Provide(info);
        return worker;
    }

    /// <summary>The descriptor with this id, whichever worker it was registered for (callers without <c>worker_id</c>).</summary>
    public ProcessBundleDescriptor? FindDescriptor(string descriptorId) =>
        _workers.Values.Select(w => w.Descriptors.GetValueOrDefault(descriptorId)).FirstOrDefault(static d => d is not null);

    /// <summary>Forgets the worker and closes it (<see cref="SdkWorker.Close"/>); its lease is the caller's. Safe for unknown ids.</summary>
    public void Remove(string workerId)
    {
        if (_workers.TryRemove(workerId, out var worker))
        {
            worker.Close();
        }
    }
}
