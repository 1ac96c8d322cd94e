using System.Collections.Concurrent;
using BeamConformance.ReferenceRunner.Execution;
using BeamConformance.ReferenceRunner.Tests.FnApi;

namespace BeamConformance.ReferenceRunner.Tests.Execution;

/// <summary>
/// An environment launcher whose "workers" are <see cref="TestHarness"/>es connecting to the Fn API endpoint
/// with the worker id they are given (or, with <c>connect: false</c>, workers that never connect).
/// </summary>
internal sealed class HarnessLauncher(string endpoint, Func<HarnessBundle, Task<HarnessResult>> process, bool connect = true) : IEnvironmentLauncher
{
    public string FnApiEndpoint => endpoint;

    /// <summary>(worker id, environment id) of each start.</summary>
    public ConcurrentQueue<(string WorkerId, string EnvironmentId)> Started { get; } = new();

    /// <summary>Called with each harness once it is connecting.</summary>
    public Action<TestHarness>? OnConnected { get; set; }

    /// <summary>Worker ids whose lease was disposed.</summary>
    public ConcurrentQueue<string> Stopped { get; } = new();

    public Task<IWorkerLease> StartWorkerAsync(string workerId, string environmentId, Org.Apache.Beam.Model.Pipeline.V1.Environment environment, CancellationToken cancellationToken)
    {
        Started.Enqueue((workerId, environmentId));
        var harness = connect ? TestHarness.Connect(endpoint, workerId, process) : null;
        if (harness is not null)
        {
            OnConnected?.Invoke(harness);
        }
        return Task.FromResult<IWorkerLease>(new Lease(workerId, harness, Stopped));
    }

    private sealed class Lease(string workerId, TestHarness? harness, ConcurrentQueue<string> stopped) : IWorkerLease
    {
        public string WorkerId => workerId;

        public async ValueTask DisposeAsync()
        {
            stopped.Enqueue(workerId);
            if (harness is not null)
            {
                await harness.DisposeAsync();
            }
        }
    }
}
