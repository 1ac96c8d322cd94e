using Grpc.Core;
using Org.Apache.Beam.Model.FnExecution.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.GrpcInterop.Tests;

/// <summary>The Beam service bases and clients Grpc.Tools generates from protos/, served by <see cref="BeamConformance.Protos.Hosting.GrpcServer"/>, end to end.</summary>
public sealed class ServiceBindingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class WorkerPool : BeamFnExternalWorkerPool.BeamFnExternalWorkerPoolBase
    {
        public List<StartWorkerRequest> Started { get; } = [];

        public override Task<StartWorkerResponse> StartWorker(StartWorkerRequest request, ServerCallContext context)
        {
            Started.Add(request);
            return Task.FromResult(new StartWorkerResponse { Error = request.WorkerId == "bad" ? "cannot start bad" : string.Empty });
        }
    }

    private sealed class ControlServer : BeamFnControl.BeamFnControlBase
    {
        public override async Task Control(IAsyncStreamReader<InstructionResponse> requestStream, IServerStreamWriter<InstructionRequest> responseStream, ServerCallContext context)
        {
            var workerId = context.RequestHeaders.GetValue("worker_id") ?? "none";
            await responseStream.WriteAsync(new InstructionRequest { InstructionId = workerId + "/1" });
            await foreach (var response in requestStream.ReadAllAsync(context.CancellationToken))
            {
                await responseStream.WriteAsync(new InstructionRequest { InstructionId = "ack:" + response.InstructionId });
            }
        }
    }

    [Theory]
    [InlineData("worker-1", "")] // the pool starts the worker
    [InlineData("bad", "cannot start bad")] // the pool reports a failure in the response, not as a status
    public async Task ExternalWorkerPool_StartWorker_round_trip(string workerId, string expectedError)
    {
        var pool = new WorkerPool();
        await using var t = await TestServer.StartAsync(s => BeamFnExternalWorkerPool.BindService(s, pool));
        var client = new BeamFnExternalWorkerPool.BeamFnExternalWorkerPoolClient(t.Invoker);
        var request = new StartWorkerRequest
        {
            WorkerId = workerId,
            ControlEndpoint = new ApiServiceDescriptor { Url = "localhost:12345" },
            Params = { ["k"] = "v" },
        };
        var response = await client.StartWorkerAsync(request, cancellationToken: Ct).ResponseAsync.WaitAsync(TestDefaults.Timeout, Ct);
        Assert.Equal(expectedError, response.Error);
        Assert.Equal(request, Assert.Single(pool.Started));
    }

    [Fact]
    public async Task Methods_not_overridden_answer_UNIMPLEMENTED()
    {
        await using var t = await TestServer.StartAsync(s => BeamFnExternalWorkerPool.BindService(s, new WorkerPool()));
        var client = new BeamFnExternalWorkerPool.BeamFnExternalWorkerPoolClient(t.Invoker);
        var ex = await Assert.ThrowsAsync<RpcException>(() => client.StopWorkerAsync(new StopWorkerRequest { WorkerId = "w" }, cancellationToken: Ct).ResponseAsync.WaitAsync(TestDefaults.Timeout, Ct));
        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
        Assert.Equal("org.apache.beam.model.fn_execution.v1.BeamFnExternalWorkerPool", BeamFnExternalWorkerPool.Descriptor.FullName);
    }

    [Fact]
    public async Task Control_stream_is_routed_with_worker_id_metadata()
    {
        await using var t = await TestServer.StartAsync(s => BeamFnControl.BindService(s, new ControlServer()));
        var client = new BeamFnControl.BeamFnControlClient(t.Invoker);
        using var call = client.Control(new CallOptions(new Metadata { { "worker_id", "w7" } }));
        Assert.True(await call.ResponseStream.MoveNext(Ct));
        Assert.Equal("w7/1", call.ResponseStream.Current.InstructionId);
        await call.RequestStream.WriteAsync(new InstructionResponse { InstructionId = "w7/1" }, Ct);
        Assert.True(await call.ResponseStream.MoveNext(Ct));
        Assert.Equal("ack:w7/1", call.ResponseStream.Current.InstructionId);
        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(Ct));
    }
}
