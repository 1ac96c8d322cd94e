using System.Collections.Concurrent;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.ReferenceRunner.FnApi.Internal;

/// <summary>The workers known to the Fn API services, by worker id.</summary>
internal sealed class WorkerRegistry
{
    private readonly ConcurrentDictionary<string, WorkerSlot> _slots = new(StringComparer.Ordinal);

    public WorkerSlot GetOrAdd(string workerId) => _slots.GetOrAdd(workerId, static id => new WorkerSlot(id));

    public WorkerSlot? Find(string workerId) => _slots.GetValueOrDefault(workerId);

    /// <summary>
    /// The slot of the calling worker (its <c>worker_id</c> metadata), which the runner must be expecting: a stream from
    /// any other id is NOT_FOUND, so that no client can open slots the runner never asked for (or take over a worker's).
    /// </summary>
    public WorkerSlot Caller(Grpc.Core.ServerCallContext context)
    {
        var workerId = WorkerIds.Require(context);
        return Find(workerId) ?? throw new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.NotFound,
            $"{context.Method}: worker_id '{workerId}' names no worker this runner started (or it was stopped)"));
    }

    public ProcessBundleDescriptor? FindDescriptor(string descriptorId) =>
        _slots.Values.Select(s => s.Descriptors.GetValueOrDefault(descriptorId)).FirstOrDefault(static d => d is not null);

    public void Remove(string workerId)
    {
        if (_slots.TryRemove(workerId, out var slot))
        {
            slot.Close();
        }
    }
}
