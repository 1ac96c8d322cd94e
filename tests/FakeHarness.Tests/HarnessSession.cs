using BeamConformance.Model;
using BeamConformance.Model.Coders;
using Grpc.Core;
using BeamConformance.Protos.Hosting;
using Grpc.Net.Client;
using Org.Apache.Beam.Model.FnExecution.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.FakeHarness.Tests;

/// <summary>
/// A test acting as a runner: a <see cref="FakeRunner"/>, a <see cref="FakeHarnessWorkerPool"/> asked over gRPC to
/// start a worker against it (as a runner does for an EXTERNAL environment), and helpers to run one bundle.
/// </summary>
internal sealed class HarnessSession : IAsyncDisposable
{
    private HarnessSession(FakeRunner runner, FakeHarnessWorkerPool pool, GrpcChannel poolChannel)
    {
        Runner = runner;
        Pool = pool;
        PoolChannel = poolChannel;
    }

    public FakeRunner Runner { get; }

    public FakeHarnessWorkerPool Pool { get; }

    public GrpcChannel PoolChannel { get; }

    public CaptureStore Captures => Pool.Captures;

    public ProtocolRecorder Recorder => Pool.Recorder;

    /// <summary>The Impulse element as runners send it: empty bytes, global window, min timestamp, no firing (nested).</summary>
    public static byte[] ImpulseBytes => new WindowedValueCoder(BytesCoder.Instance, GlobalWindowCoder.Instance)
        .EncodeToArray(WindowedValue<object?>.InGlobalWindow(Array.Empty<byte>()));

    public static async Task<HarnessSession> StartAsync(string workerId = "worker-1")
    {
        var runner = await FakeRunner.StartAsync();
        var pool = new FakeHarnessWorkerPool(new CaptureStore());
        var endpoint = await pool.StartAsync(TestContext.Current.CancellationToken);
        var channel = GrpcChannels.ForEndpoint(endpoint);
        var session = new HarnessSession(runner, pool, channel);
        var response = await channel.CreateCallInvoker().AsyncUnaryCall(RunnerMethods.StartWorker, null, default, new StartWorkerRequest
        {
            WorkerId = workerId,
            ControlEndpoint = new ApiServiceDescriptor { Url = runner.Endpoint },
            LoggingEndpoint = new ApiServiceDescriptor { Url = runner.Endpoint },
            ProvisionEndpoint = new ApiServiceDescriptor { Url = runner.Endpoint },
        }).ResponseAsync;
        Assert.Equal(string.Empty, response.Error);
        Assert.Equal(workerId, await runner.WorkerConnected.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        return session;
    }

    public DescriptorBuilder NewDescriptor(string id = "stage-1", string runId = "run-1") => new(id, runId, Runner.Endpoint);

    public async Task RegisterAsync(ProcessBundleDescriptor descriptor)
    {
        var request = new InstructionRequest { Register = new RegisterRequest() };
        request.Register.ProcessBundleDescriptor.Add(descriptor);
        var response = await Runner.SendAsync(request);
        Assert.Equal(string.Empty, response.Error);
    }

    /// <summary>Starts a bundle, sends <paramref name="inputs"/> (elements, then is_last) to source <paramref name="sourceId"/>, awaits the response.</summary>
    public async Task<InstructionResponse> RunBundleAsync(string descriptorId, string instructionId, string sourceId, params byte[][] inputs)
    {
        var pending = Runner.Start(new InstructionRequest { InstructionId = instructionId, ProcessBundle = new ProcessBundleRequest { ProcessBundleDescriptorId = descriptorId } });
        var send = SendAllAsync();
        var first = await Task.WhenAny(send, pending).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        if (first == send)
        {
            await send;
        }

        return await pending.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        async Task SendAllAsync()
        {
            foreach (var input in inputs)
            {
                await Runner.SendDataAsync(instructionId, sourceId, input, isLast: false);
            }

            await Runner.SendDataAsync(instructionId, sourceId, [], isLast: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Runner.CloseControl();
        PoolChannel.Dispose();
        await Pool.DisposeAsync();
        await Runner.DisposeAsync();
    }
}
