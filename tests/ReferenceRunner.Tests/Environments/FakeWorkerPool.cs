using System.Collections.Concurrent;
using Grpc.Core;
using BeamConformance.Protos.Hosting;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.ReferenceRunner.Tests.Environments;

/// <summary>
/// A BeamFnExternalWorkerPool server as an SDK's LOOPBACK mode runs it, recording StartWorker and
/// StopWorker requests; <see cref="StartError"/> makes StartWorker answer with that error.
/// </summary>
internal sealed class FakeWorkerPool : IAsyncDisposable
{
    private readonly GrpcServer _server = new();

    private FakeWorkerPool()
    {
        BeamFnExternalWorkerPool.BindService(_server, new WorkerPoolServer(this));
    }

    public string Endpoint { get; private set; } = "";

    public string? StartError { get; set; }

    public ConcurrentQueue<StartWorkerRequest> Started { get; } = new();

    public ConcurrentQueue<string> Stopped { get; } = new();

    public static async Task<FakeWorkerPool> StartAsync()
    {
        var pool = new FakeWorkerPool();
        var address = await pool._server.StartAsync(TestContext.Current.CancellationToken);
        pool.Endpoint = $"{address.Host}:{address.Port}";
        return pool;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private sealed class WorkerPoolServer(FakeWorkerPool pool) : BeamFnExternalWorkerPool.BeamFnExternalWorkerPoolBase
    {
        public override Task<StartWorkerResponse> StartWorker(StartWorkerRequest request, ServerCallContext context)
        {
            pool.Started.Enqueue(request);
            return Task.FromResult(new StartWorkerResponse { Error = pool.StartError ?? string.Empty });
        }

        public override Task<StopWorkerResponse> StopWorker(StopWorkerRequest request, ServerCallContext context)
        {
            pool.Stopped.Enqueue(request.WorkerId);
            return Task.FromResult(new StopWorkerResponse());
        }
    }
}
