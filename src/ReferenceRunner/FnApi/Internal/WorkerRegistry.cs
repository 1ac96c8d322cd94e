using System.Collections.Concurrent;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.ReferenceRunner.FnApi.Internal;

/// <summary>The workers known to the Fn API services, by worker id.</summary>
internal sealed class WorkerRegistry
{
    private readonly ConcurrentDictionary<string, WorkerSlot> _slots = new(StringComparer.Ordinal);

    public WorkerSlot GetOrAdd(string workerId) => _slots.GetOrAdd(workerId, static id => new WorkerSlot(id));

    public WorkerSlot? Find(string workerId) => _slots.GetValueOrDefault(workerId);

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
