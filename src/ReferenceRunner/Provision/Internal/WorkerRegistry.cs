using System.Collections.Concurrent;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.ReferenceRunner.Provision.Internal;

/// <summary>The ProvisionInfo of every worker started and not yet stopped, by worker id. Thread-safe.</summary>
internal sealed class WorkerRegistry
{
    private readonly ConcurrentDictionary<string, ProvisionInfo> _workers = new(StringComparer.Ordinal);

    /// <summary>Registers a worker before it starts.</summary>
    /// <exception cref="InvalidOperationException">The worker id is already in use.</exception>
    public void Register(string workerId, ProvisionInfo info)
    {
        if (!_workers.TryAdd(workerId, info))
        {
            throw new InvalidOperationException($"ReferenceRunner bug: worker id '{workerId}' is already in use by a running worker.");
        }
    }

    public void Unregister(string workerId) => _workers.TryRemove(workerId, out _);

    public ProvisionInfo? Find(string workerId) => _workers.TryGetValue(workerId, out var info) ? info : null;
}
