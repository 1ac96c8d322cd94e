using System.Collections.Concurrent;
using Grpc.Core;
using BeamConformance.Protos.Hosting;
using Grpc.Net.Client;
using Google.Protobuf;
using Org.Apache.Beam.Model.FnExecution.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Tests.FnApi;

/// <summary>
/// A small SDK harness over the real transport: opens its control stream with <c>worker_id</c> metadata,
/// fetches descriptors with GetProcessBundleDescriptor, opens the data and state streams on the first bundle
/// (as real SDKs do), waits for every data source's <c>is_last</c>, runs the test's bundle function, sends
/// each sink's data then <c>is_last</c>, and answers the ProcessBundle instruction.
/// </summary>
internal sealed class TestHarness : IAsyncDisposable
{
    private readonly GrpcChannel _channel;
    private readonly CallInvoker _invoker;
    private readonly Func<HarnessBundle, Task<HarnessResult>> _process;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _controlGate = new(1, 1);
    private readonly SemaphoreSlim _dataGate = new(1, 1);
    private readonly SemaphoreSlim _stateGate = new(1, 1);
    private readonly ConcurrentDictionary<string, Inbound> _inbound = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StateResponse>> _stateAnswers = new();
    private readonly ConcurrentDictionary<string, ProcessBundleDescriptor> _descriptors = new();
    private readonly Lazy<Task<AsyncDuplexStreamingCall<Elements, Elements>>> _data;
    private readonly Lazy<AsyncDuplexStreamingCall<StateRequest, StateResponse>> _state;
    private AsyncDuplexStreamingCall<InstructionResponse, InstructionRequest> _control = null!;
    private long _stateIds;

    private TestHarness(string endpoint, string workerId, Func<HarnessBundle, Task<HarnessResult>> process)
    {
        WorkerId = workerId;
        _process = process;
        _channel = GrpcChannels.ForEndpoint(endpoint, new GrpcChannelOptions { MaxReceiveMessageSize = 4 * 1024 * 1024 });
        _invoker = _channel.CreateCallInvoker();
        _data = new(OpenDataAsync);
        _state = new(OpenState);
    }

    public string WorkerId { get; }

    /// <summary>Every instruction received, in order.</summary>
    public ConcurrentQueue<InstructionRequest> Instructions { get; } = new();

    /// <summary>Answers progress requests; null answers with an error.</summary>
    public Func<ProcessBundleProgressRequest, ProcessBundleProgressResponse>? Progress { get; set; }

    /// <summary>Short id → MonitoringInfo metadata, for MonitoringInfosMetadataRequests.</summary>
    public ConcurrentDictionary<string, MonitoringInfo> ShortIds { get; } = new();

    /// <summary>Answers ProcessBundleSplitRequests; null answers them with an error.</summary>
    public Func<ProcessBundleSplitRequest, ProcessBundleSplitResponse>? Split { get; set; }

    /// <summary>Answers FinalizeBundleRequests (null: the error text, or null for success); null answers them with an error.</summary>
    public Func<FinalizeBundleRequest, string?>? Finalize { get; set; }

    /// <summary>Completes when the runner ends the control stream (or it breaks).</summary>
    public Task ControlEnded { get; private set; } = Task.CompletedTask;

    private Metadata Headers => new() { { "worker_id", WorkerId } };

    public static TestHarness Connect(string endpoint, string workerId, Func<HarnessBundle, Task<HarnessResult>> process)
    {
        var harness = new TestHarness(endpoint, workerId, process);
        harness._control = new BeamFnControl.BeamFnControlClient(harness._invoker).Control(new CallOptions(harness.Headers, cancellationToken: harness._stop.Token));
        harness.ControlEnded = Task.Run(harness.ControlLoopAsync);
        return harness;
    }

    /// <summary>Sends log entries on the logging stream (opened for the call, then closed).</summary>
    public async Task LogAsync(params LogEntry[] entries)
    {
        using var call = new BeamFnLogging.BeamFnLoggingClient(_invoker).Logging(new CallOptions(Headers, cancellationToken: _stop.Token));
        var list = new LogEntry.Types.List();
        list.LogEntries.AddRange(entries);
        await call.RequestStream.WriteAsync(list);
        await call.RequestStream.CompleteAsync();
        while (await call.ResponseStream.MoveNext(_stop.Token))
        {
        }
    }

    /// <summary>Drops every stream at once, as a crashing SDK process would.</summary>
    public async Task CrashAsync() => await _stop.CancelAsync();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await ControlEnded.ContinueWith(static _ => { }, TaskScheduler.Default).WaitAsync(TimeSpan.FromSeconds(30));
        _control.Dispose();
        _channel.Dispose();
    }

    internal async Task<List<StateGetResponse>> GetStateAsync(string instructionId, StateKey key)
    {
        var pages = new List<StateGetResponse>();
        var token = ByteString.Empty;
        do
        {
            var id = $"state-{Interlocked.Increment(ref _stateIds)}";
            var answer = new TaskCompletionSource<StateResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
            _stateAnswers[id] = answer;
            var request = new StateRequest { Id = id, InstructionId = instructionId, StateKey = key, Get = new StateGetRequest { ContinuationToken = token } };
            await WriteAsync(_stateGate, _state.Value.RequestStream, request);
            var response = await answer.Task.WaitAsync(TimeSpan.FromSeconds(120));
            if (!string.IsNullOrEmpty(response.Error))
            {
                throw new InvalidOperationException(response.Error);
            }

            pages.Add(response.Get);
            token = response.Get.ContinuationToken;
        }
        while (!token.IsEmpty);
        return pages;
    }

    /// <summary>Sends one append (data) or clear (null) request and returns the runner's error, or null.</summary>
    internal async Task<string?> WriteStateAsync(string instructionId, StateKey key, byte[]? append)
    {
        var id = $"state-{Interlocked.Increment(ref _stateIds)}";
        var answer = new TaskCompletionSource<StateResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        _stateAnswers[id] = answer;
        var request = new StateRequest { Id = id, InstructionId = instructionId, StateKey = key };
        if (append is null)
        {
            request.Clear = new StateClearRequest();
        }
        else
        {
            request.Append = new StateAppendRequest { Data = ByteString.CopyFrom(append) };
        }

        await WriteAsync(_stateGate, _state.Value.RequestStream, request);
        var response = await answer.Task.WaitAsync(TimeSpan.FromSeconds(120));
        return string.IsNullOrEmpty(response.Error) ? null : response.Error;
    }

    private async Task ControlLoopAsync()
    {
        var work = new List<Task>();
        try
        {
            while (await _control.ResponseStream.MoveNext(_stop.Token))
            {
                var request = _control.ResponseStream.Current;
                Instructions.Enqueue(request);
                work.Add(Task.Run(() => HandleAsync(request)));
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
        catch (RpcException)
        {
        }

        if (!_stop.IsCancellationRequested)
        {
            await Task.WhenAll(work).ContinueWith(static _ => { }, TaskScheduler.Default);
        }
    }

    private async Task HandleAsync(InstructionRequest request)
    {
        var response = new InstructionResponse { InstructionId = request.InstructionId };
        try
        {
            switch (request.RequestCase)
            {
                case InstructionRequest.RequestOneofCase.ProcessBundle:
                    response.ProcessBundle = await ProcessBundleAsync(request.InstructionId, request.ProcessBundle);
                    break;
                case InstructionRequest.RequestOneofCase.ProcessBundleProgress when Progress is not null:
                    response.ProcessBundleProgress = Progress(request.ProcessBundleProgress);
                    break;
                case InstructionRequest.RequestOneofCase.ProcessBundleSplit when Split is not null:
                    response.ProcessBundleSplit = Split(request.ProcessBundleSplit);
                    break;
                case InstructionRequest.RequestOneofCase.FinalizeBundle when Finalize is not null:
                    if (Finalize(request.FinalizeBundle) is { } finalizeError)
                    {
                        response.Error = finalizeError;
                    }
                    else
                    {
                        response.FinalizeBundle = new FinalizeBundleResponse();
                    }

                    break;
                case InstructionRequest.RequestOneofCase.MonitoringInfos:
                    response.MonitoringInfos = new MonitoringInfosMetadataResponse();
                    foreach (var id in request.MonitoringInfos.MonitoringInfoId)
                    {
                        if (ShortIds.TryGetValue(id, out var info))
                        {
                            response.MonitoringInfos.MonitoringInfo[id] = info;
                        }
                    }

                    break;
                default:
                    response.Error = $"the test harness does not handle {request.RequestCase}";
                    break;
            }
        }
        catch (Exception e) when (!_stop.IsCancellationRequested)
        {
            response.Error = e.Message;
        }

        try
        {
            await WriteAsync(_controlGate, _control.RequestStream, response);
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task<ProcessBundleResponse> ProcessBundleAsync(string instructionId, ProcessBundleRequest request)
    {
        var descriptor = await DescriptorAsync(request.ProcessBundleDescriptorId);
        var data = await _data.Value;
        var sources = descriptor.Transforms.Where(static t => t.Value.Spec.Urn == "beam:runner:source:v1").Select(static t => t.Key).ToList();
        var inbound = _inbound.GetOrAdd(instructionId, static _ => new Inbound());
        var inputs = await inbound.WaitForAsync(sources).WaitAsync(TimeSpan.FromSeconds(120));
        var result = await _process(new HarnessBundle(this, instructionId, descriptor, inputs));
        foreach (var sink in descriptor.Transforms.Where(static t => t.Value.Spec.Urn == "beam:runner:sink:v1").Select(static t => t.Key))
        {
            foreach (var chunk in result.Outputs.GetValueOrDefault(sink) ?? [])
            {
                var message = new Elements();
                message.Data.Add(new Elements.Types.Data { InstructionId = instructionId, TransformId = sink, Data_ = ByteString.CopyFrom(chunk) });
                await WriteAsync(_dataGate, data.RequestStream, message);
            }

            var last = new Elements();
            last.Data.Add(new Elements.Types.Data { InstructionId = instructionId, TransformId = sink, IsLast = true });
            await WriteAsync(_dataGate, data.RequestStream, last);
        }

        var response = new ProcessBundleResponse { RequiresFinalization = result.RequiresFinalization };
        response.MonitoringInfos.AddRange(result.MonitoringInfos);
        return response;
    }

    private async Task<ProcessBundleDescriptor> DescriptorAsync(string id)
    {
        if (_descriptors.TryGetValue(id, out var known))
        {
            return known;
        }

        var descriptor = await new BeamFnControl.BeamFnControlClient(_invoker).GetProcessBundleDescriptorAsync(new GetProcessBundleDescriptorRequest { ProcessBundleDescriptorId = id }, new CallOptions(Headers, cancellationToken: _stop.Token)).ResponseAsync;
        return _descriptors.GetOrAdd(id, descriptor);
    }

    private Task<AsyncDuplexStreamingCall<Elements, Elements>> OpenDataAsync()
    {
        var call = new BeamFnData.BeamFnDataClient(_invoker).Data(new CallOptions(Headers, cancellationToken: _stop.Token));
        _ = Task.Run(async () =>
        {
            try
            {
                while (await call.ResponseStream.MoveNext(_stop.Token))
                {
                    foreach (var data in call.ResponseStream.Current.Data)
                    {
                        _inbound.GetOrAdd(data.InstructionId, static _ => new Inbound()).Add(data);
                    }
                }
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
            }
        });
        return Task.FromResult(call);
    }

    private AsyncDuplexStreamingCall<StateRequest, StateResponse> OpenState()
    {
        var call = new BeamFnState.BeamFnStateClient(_invoker).State(new CallOptions(Headers, cancellationToken: _stop.Token));
        _ = Task.Run(async () =>
        {
            try
            {
                while (await call.ResponseStream.MoveNext(_stop.Token))
                {
                    var response = call.ResponseStream.Current;
                    if (_stateAnswers.TryRemove(response.Id, out var answer))
                    {
                        answer.TrySetResult(response);
                    }
                }
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
            }
        });
        return call;
    }

    private static async Task WriteAsync<T>(SemaphoreSlim gate, IAsyncStreamWriter<T> stream, T message)
    {
        await gate.WaitAsync();
        try
        {
            await stream.WriteAsync(message);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Data received for one instruction.</summary>
    private sealed class Inbound
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<string, List<byte[]>> _messages = [];
        private readonly HashSet<string> _finished = [];
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Add(Elements.Types.Data data)
        {
            TaskCompletionSource changed;
            lock (_lock)
            {
                if (!_messages.TryGetValue(data.TransformId, out var list))
                {
                    _messages[data.TransformId] = list = [];
                }

                if (!data.Data_.IsEmpty)
                {
                    list.Add(data.Data_.ToByteArray());
                }

                if (data.IsLast)
                {
                    _finished.Add(data.TransformId);
                }

                changed = _changed;
                _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            changed.TrySetResult();
        }

        public async Task<IReadOnlyDictionary<string, List<byte[]>>> WaitForAsync(IReadOnlyList<string> sources)
        {
            while (true)
            {
                Task changed;
                lock (_lock)
                {
                    if (sources.All(_finished.Contains))
                    {
                        return sources.ToDictionary(s => s, s => _messages.GetValueOrDefault(s) ?? []);
                    }

                    changed = _changed.Task;
                }

                await changed;
            }
        }
    }
}
