using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using Grpc.Core;
using BeamConformance.Protos.Hosting;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness.Tests;

/// <summary>
/// The runner side of the Fn API over a real in-process gRPC server, scripted by a test: it sends instructions on
/// the control stream and awaits their responses, feeds and collects data, answers state requests from a table
/// (pages joined by continuation tokens), and serves provision info and logging.
/// </summary>
internal sealed class FakeRunner : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly GrpcServer _server = new();
    private readonly Channel<InstructionRequest> _toHarness = Channel.CreateUnbounded<InstructionRequest>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<InstructionResponse>> _responses = new();
    private readonly TaskCompletionSource<IServerStreamWriter<Elements>> _dataStream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<(string, string), DataReceived> _received = new();
    private readonly SemaphoreSlim _dataWrite = new(1, 1);
    private long _nextInstruction;
    private int _dataStreamsOpened;

    private FakeRunner()
    {
        _server.AddMethod(RunnerMethods.Control, (DuplexStreamingServerMethod<InstructionResponse, InstructionRequest>)ControlAsync);
        _server.AddMethod(RunnerMethods.GetDescriptor, (UnaryServerMethod<GetProcessBundleDescriptorRequest, ProcessBundleDescriptor>)GetDescriptorAsync);
        _server.AddMethod(RunnerMethods.Data, (DuplexStreamingServerMethod<Elements, Elements>)DataAsync);
        _server.AddMethod(RunnerMethods.State, (DuplexStreamingServerMethod<StateRequest, StateResponse>)StateAsync);
        _server.AddMethod(RunnerMethods.Logging, (DuplexStreamingServerMethod<LogEntry.Types.List, LogControl>)LoggingAsync);
        _server.AddMethod(RunnerMethods.Provision, (UnaryServerMethod<GetProvisionInfoRequest, GetProvisionInfoResponse>)ProvisionAsync);
    }

    /// <summary>host:port of every service.</summary>
    public string Endpoint { get; private set; } = string.Empty;

    public TaskCompletionSource<string> WorkerConnected { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Descriptors served by GetProcessBundleDescriptor.</summary>
    public ConcurrentDictionary<string, ProcessBundleDescriptor> Descriptors { get; } = new();

    /// <summary>State pages per StateKey (its serialized bytes, hex): each page is one Get response.</summary>
    public ConcurrentDictionary<string, byte[][]> StatePages { get; } = new();

    public ConcurrentQueue<StateRequest> StateRequests { get; } = new();

    public ConcurrentQueue<LogEntry> Logs { get; } = new();

    public Struct PipelineOptions { get; } = new();

    /// <summary>How many BeamFnData streams the harness has opened.</summary>
    public int DataStreamsOpened => Volatile.Read(ref _dataStreamsOpened);

    public static async Task<FakeRunner> StartAsync()
    {
        var runner = new FakeRunner();
        var address = await runner._server.StartAsync(TestContext.Current.CancellationToken);
        runner.Endpoint = address.Host + ":" + address.Port.ToString(CultureInfo.InvariantCulture);
        return runner;
    }

    public static string Key(StateKey key) => Convert.ToHexString(key.ToByteArray());

    /// <summary>Sends an instruction (an id is assigned when empty) and awaits the harness's response.</summary>
    public async Task<InstructionResponse> SendAsync(InstructionRequest request)
    {
        var pending = Start(request);
        return await pending.WaitAsync(Wait, TestContext.Current.CancellationToken);
    }

    /// <summary>Sends an instruction without waiting for the response.</summary>
    public Task<InstructionResponse> Start(InstructionRequest request)
    {
        if (string.IsNullOrEmpty(request.InstructionId))
        {
            request.InstructionId = "i" + Interlocked.Increment(ref _nextInstruction).ToString(CultureInfo.InvariantCulture);
        }

        var answer = new TaskCompletionSource<InstructionResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        _responses[request.InstructionId] = answer;
        _toHarness.Writer.TryWrite(request);
        return answer.Task;
    }

    /// <summary>Sends one data entry to the harness (once the harness has opened its data stream).</summary>
    public async Task SendDataAsync(string instructionId, string transformId, byte[] data, bool isLast)
    {
        var stream = await _dataStream.Task.WaitAsync(Wait, TestContext.Current.CancellationToken);
        var elements = new Elements();
        elements.Data.Add(new Elements.Types.Data { InstructionId = instructionId, TransformId = transformId, Data_ = ByteString.CopyFrom(data), IsLast = isLast });
        await _dataWrite.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            await stream.WriteAsync(elements, TestContext.Current.CancellationToken);
        }
        finally
        {
            _dataWrite.Release();
        }
    }

    /// <summary>All bytes the harness sent for (instruction, sink transform), once it sent is_last.</summary>
    public Task<byte[]> ReceivedAsync(string instructionId, string transformId) =>
        Received(instructionId, transformId).Done.Task.WaitAsync(Wait, TestContext.Current.CancellationToken);

    public void CloseControl() => _toHarness.Writer.TryComplete();

    public async ValueTask DisposeAsync()
    {
        _toHarness.Writer.TryComplete();
        await _server.DisposeAsync();
        _dataWrite.Dispose();
    }

    private DataReceived Received(string instructionId, string transformId) => _received.GetOrAdd((instructionId, transformId), _ => new DataReceived());

    private async Task ControlAsync(IAsyncStreamReader<InstructionResponse> requests, IServerStreamWriter<InstructionRequest> responses, ServerCallContext context)
    {
        WorkerConnected.TrySetResult(context.RequestHeaders.GetValue("worker_id") ?? string.Empty);
        var reader = Task.Run(async () =>
        {
            while (await requests.MoveNext(context.CancellationToken))
            {
                if (_responses.TryRemove(requests.Current.InstructionId, out var answer))
                {
                    answer.TrySetResult(requests.Current);
                }
            }
        });
        await foreach (var request in _toHarness.Reader.ReadAllAsync(context.CancellationToken))
        {
            await responses.WriteAsync(request, context.CancellationToken);
        }

        await reader.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private Task<ProcessBundleDescriptor> GetDescriptorAsync(GetProcessBundleDescriptorRequest request, ServerCallContext context) =>
        Descriptors.TryGetValue(request.ProcessBundleDescriptorId, out var descriptor)
            ? Task.FromResult(descriptor)
            : throw new RpcException(new Status(StatusCode.NotFound, "no descriptor " + request.ProcessBundleDescriptorId));

    private async Task DataAsync(IAsyncStreamReader<Elements> requests, IServerStreamWriter<Elements> responses, ServerCallContext context)
    {
        Interlocked.Increment(ref _dataStreamsOpened);
        _dataStream.TrySetResult(responses);
        while (await requests.MoveNext(context.CancellationToken))
        {
            foreach (var data in requests.Current.Data)
            {
                var received = Received(data.InstructionId, data.TransformId);
                lock (received)
                {
                    received.Bytes.AddRange(data.Data_.ToByteArray());
                }

                if (data.IsLast)
                {
                    received.Done.TrySetResult(received.Bytes.ToArray());
                }
            }
        }
    }

    private async Task StateAsync(IAsyncStreamReader<StateRequest> requests, IServerStreamWriter<StateResponse> responses, ServerCallContext context)
    {
        while (await requests.MoveNext(context.CancellationToken))
        {
            var request = requests.Current;
            StateRequests.Enqueue(request);
            var response = new StateResponse { Id = request.Id };
            if (!StatePages.TryGetValue(Key(request.StateKey), out var pages))
            {
                pages = [[]];
            }

            var page = request.Get.ContinuationToken.IsEmpty ? 0 : int.Parse(request.Get.ContinuationToken.ToStringUtf8(), CultureInfo.InvariantCulture);
            response.Get = new StateGetResponse
            {
                Data = ByteString.CopyFrom(pages[page]),
                ContinuationToken = page + 1 < pages.Length ? ByteString.CopyFromUtf8((page + 1).ToString(CultureInfo.InvariantCulture)) : ByteString.Empty,
            };
            await responses.WriteAsync(response, context.CancellationToken);
        }
    }

    private async Task LoggingAsync(IAsyncStreamReader<LogEntry.Types.List> requests, IServerStreamWriter<LogControl> responses, ServerCallContext context)
    {
        while (await requests.MoveNext(context.CancellationToken))
        {
            foreach (var entry in requests.Current.LogEntries)
            {
                Logs.Enqueue(entry);
            }
        }
    }

    private Task<GetProvisionInfoResponse> ProvisionAsync(GetProvisionInfoRequest request, ServerCallContext context) =>
        Task.FromResult(new GetProvisionInfoResponse { Info = new ProvisionInfo { PipelineOptions = PipelineOptions } });

    private sealed class DataReceived
    {
        public List<byte> Bytes { get; } = [];

        public TaskCompletionSource<byte[]> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
