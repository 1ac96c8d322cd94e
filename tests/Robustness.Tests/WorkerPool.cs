using BeamConformance.Protos.Hosting;
using Grpc.Net.Client;
using System.Threading.Channels;
using Grpc.Core;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.Robustness.Tests;

/// <summary>
/// A BeamFnExternalWorkerPool (beam_fn_api.proto) that starts no worker: it hands each StartWorkerRequest to the test,
/// which then plays the worker (the EXTERNAL environment's contract: the worker opens its Fn API streams with the
/// given worker_id).
/// </summary>
internal sealed class WorkerPool : BeamFnExternalWorkerPool.BeamFnExternalWorkerPoolBase, IAsyncDisposable
{
    private readonly GrpcServer _server = new(new GrpcServerOptions { Port = 0 });
    private readonly Channel<StartWorkerRequest> _started = Channel.CreateUnbounded<StartWorkerRequest>();

    public string Endpoint { get; private set; } = "";

    public async Task StartAsync()
    {
        BeamFnExternalWorkerPool.BindService(_server, this);
        var address = await _server.StartAsync(TestContext.Current.CancellationToken);
        Endpoint = $"{address.Host}:{address.Port}";
    }

    /// <summary>The next worker the runner asks for, or null when it asks for none within <paramref name="timeout"/>.</summary>
    public async Task<StartWorkerRequest?> NextAsync(TimeSpan timeout)
    {
        try
        {
            return await _started.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(timeout, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    public override Task<StartWorkerResponse> StartWorker(StartWorkerRequest request, ServerCallContext context)
    {
        _started.Writer.TryWrite(request);
        return Task.FromResult(new StartWorkerResponse());
    }

    public override Task<StopWorkerResponse> StopWorker(StopWorkerRequest request, ServerCallContext context) => Task.FromResult(new StopWorkerResponse());

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}
