using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Core;
using BeamConformance.Protos.Hosting;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness.Internal;

/// <summary>
/// One connected worker: the control loop (each instruction handled on its own task, responses written by one
/// writer), the descriptor cache, the data and state channels per endpoint, and the bundles in progress.
/// </summary>
internal sealed class WorkerSession : IAsyncDisposable
{
    private readonly WorkerEndpoints _endpoints;
    private readonly ProtocolRecorder _recorder;
    private readonly FakeHarnessOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Task<StagePlan>> _plans = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DataChannel> _dataChannels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StateChannel> _stateChannels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, BundleRunner> _activeBundles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<BundleRunner?>> _arrivedBundles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _runIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _arrivals = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string RunId, IReadOnlyList<string> Transforms, bool Fails)> _pendingFinalizations = new(StringComparer.Ordinal);
    private readonly Channel<InstructionResponse> _responses = Channel.CreateUnbounded<InstructionResponse>(new UnboundedChannelOptions { SingleReader = true });
    private readonly MonitoringInfoIds _monitoringIds = new();
    private readonly List<GrpcChannel> _channels = [];
    private ICaptureSink? _captures;
    private CallInvoker? _control;
    private LogSender? _log;
    private CancellationTokenSource? _stop;

    public WorkerSession(WorkerEndpoints endpoints, ICaptureSink? captures, ProtocolRecorder recorder, FakeHarnessOptions options)
    {
        _endpoints = endpoints;
        _captures = captures;
        _recorder = recorder;
        _options = options;
        _logger = options.LoggerFactory.CreateLogger("BeamConformance.FakeHarness.Worker");
    }

    public string WorkerId => _endpoints.WorkerId;

    /// <summary>The header every Fn API call carries so that the runner can route it to this worker.</summary>
    public Metadata Headers => new() { { "worker_id", WorkerId } };

    public FakeHarnessOptions Options => _options;

    public ProtocolRecorder Recorder => _recorder;

    public LogSender? LogSender => _log;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var stop = _stop.Token;
        var options = await ProvisionReader.ReadAsync(this, _endpoints.ProvisionEndpoint, stop).ConfigureAwait(false);
        if (_captures is null)
        {
            var captureEndpoint = options.CaptureEndpoint
                ?? throw new InvalidOperationException(
                    $"FakeHarness worker '{WorkerId}' has no capture sink: pass --capture_endpoint, or set the pipeline option 'capture_endpoint'.");
            _captures = new GrpcCaptureSink(captureEndpoint);
        }

        if (_endpoints.LoggingEndpoint is { } logging)
        {
            _log = new LogSender(OpenInvoker(logging), Headers, _logger, WorkerId, stop);
        }

        _control = OpenInvoker(_endpoints.ControlEndpoint);
        using var call = new BeamFnControl.BeamFnControlClient(_control).Control(new CallOptions(Headers, cancellationToken: stop));
        Log.Connected(_logger, WorkerId, _endpoints.ControlEndpoint);
        _log?.Info($"FakeHarness worker {WorkerId} started");
        var writer = Task.Run(() => WriteResponsesAsync(call.RequestStream, stop), CancellationToken.None);
        try
        {
            while (await call.ResponseStream.MoveNext(stop).ConfigureAwait(false))
            {
                var request = call.ResponseStream.Current;
                _arrivals[request.InstructionId] = _recorder.NextSequence();
                if (request.RequestCase == InstructionRequest.RequestOneofCase.Register)
                {
                    // Registration is handled inline so that a later ProcessBundle finds its descriptor.
                    await RespondAsync(request, HandleRegister(request)).ConfigureAwait(false);
                    continue;
                }

                if (request.RequestCase == InstructionRequest.RequestOneofCase.ProcessBundle)
                {
                    // Known before any later instruction is handled: a split that follows it on the stream waits for it.
                    _arrivedBundles.TryAdd(request.InstructionId, new(TaskCreationOptions.RunContinuationsAsynchronously));
                }

                _ = Task.Run(() => HandleAsync(request), CancellationToken.None);
            }

            Log.ControlEnded(_logger, WorkerId);
        }
        finally
        {
            _responses.Writer.TryComplete();
            await _stop.CancelAsync().ConfigureAwait(false);
            await writer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Ends the worker's streams now, mid-bundle if need be (a crashing SDK; the misanswer <c>worker_disconnects</c>).</summary>
    public void Disconnect() => _stop?.Cancel();

    public async ValueTask DisposeAsync()
    {
        if (_stop is not null)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }

        foreach (var data in _dataChannels.Values)
        {
            await data.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var state in _stateChannels.Values)
        {
            await state.DisposeAsync().ConfigureAwait(false);
        }

        if (_log is not null)
        {
            await _log.DisposeAsync().ConfigureAwait(false);
        }

        (_captures as IDisposable)?.Dispose();
        lock (_channels)
        {
            foreach (var channel in _channels)
            {
                channel.Dispose();
            }
        }

        _stop?.Dispose();
    }

    public CallInvoker OpenInvoker(string endpoint)
    {
        var channel = GrpcChannels.ForEndpoint(endpoint);
        lock (_channels)
        {
            _channels.Add(channel);
        }

        return channel.CreateCallInvoker();
    }

    // One data stream and one state stream per endpoint, opened by whichever bundle needs it first, as Beam's SDK
    // harnesses do (Python's GrpcClientDataChannelFactory and GrpcStateHandlerFactory cache theirs per URL under a lock).
    // ConcurrentDictionary.GetOrAdd may run its factory twice when two bundles start at once: the stream it drops
    // would still be open, the runner (which sends on the worker's latest data stream) could send a bundle's input
    // there, and the bundle would wait for it forever. Hence the lock.
    public DataChannel GetDataChannel(string url) => OpenOnce(_dataChannels, url, u => new DataChannel(OpenInvoker(u), Headers, u, _stop!.Token));

    public StateChannel GetStateChannel(string url) => OpenOnce(_stateChannels, url, u => new StateChannel(OpenInvoker(u), Headers, u, _stop!.Token));

    private static T OpenOnce<T>(ConcurrentDictionary<string, T> channels, string url, Func<string, T> open)
    {
        lock (channels)
        {
            return channels.TryGetValue(url, out var known) ? known : channels[url] = open(url);
        }
    }

    private async Task WriteResponsesAsync(IClientStreamWriter<InstructionResponse> stream, CancellationToken stop)
    {
        try
        {
            await foreach (var response in _responses.Reader.ReadAllAsync(stop).ConfigureAwait(false))
            {
                await stream.WriteAsync(response, stop).ConfigureAwait(false);
            }

            await stream.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or RpcException or IOException or InvalidOperationException)
        {
            // The control stream is gone: the worker is stopping.
        }
    }

    private ValueTask RespondAsync(InstructionRequest request, InstructionResponse response)
    {
        response.InstructionId = request.InstructionId;
        _arrivals.TryRemove(request.InstructionId, out _);
        return _responses.Writer.WriteAsync(response, CancellationToken.None);
    }

    private async Task HandleAsync(InstructionRequest request)
    {
        InstructionResponse response;
        try
        {
            response = request.RequestCase switch
            {
                InstructionRequest.RequestOneofCase.ProcessBundle => await ProcessBundleAsync(request).ConfigureAwait(false),
                InstructionRequest.RequestOneofCase.ProcessBundleProgress => Progress(request),
                InstructionRequest.RequestOneofCase.ProcessBundleSplit => await SplitAsync(request).ConfigureAwait(false),
                InstructionRequest.RequestOneofCase.FinalizeBundle => Finalize(request),
                InstructionRequest.RequestOneofCase.MonitoringInfos => Record(request, null, new InstructionResponse { MonitoringInfos = _monitoringIds.Metadata(request.MonitoringInfos) }),
                InstructionRequest.RequestOneofCase.HarnessMonitoringInfos => Record(request, null, new InstructionResponse { HarnessMonitoringInfos = new HarnessMonitoringInfosResponse() }),
                _ => Record(request, null, new InstructionResponse { Error = $"FakeHarness does not support InstructionRequest kind '{InstructionKinds.Of(request)}'" }),
            };
        }
        catch (Exception e)
        {
            response = new InstructionResponse { Error = $"FakeHarness failed instruction {request.InstructionId} ({InstructionKinds.Of(request)}): {e.Message}" };
        }

        await RespondAsync(request, response).ConfigureAwait(false);
    }

    private InstructionResponse HandleRegister(InstructionRequest request)
    {
        var runs = new HashSet<string>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var descriptor in request.Register.ProcessBundleDescriptor)
        {
            var plan = AddDescriptor(descriptor);
            if (plan.IsFaulted)
            {
                errors.Add(plan.Exception!.InnerException!.Message);
            }

            runs.Add(RunIds.Of(descriptor));
        }

        foreach (var run in runs)
        {
            _recorder.AddInstruction(run, new RecordedInstruction(InstructionKinds.Register, request.InstructionId, WorkerId));
        }

        return errors.Count == 0
            ? new InstructionResponse { Register = new RegisterResponse() }
            : new InstructionResponse { Error = "FakeHarness cannot run the registered descriptor(s): " + string.Join("; ", errors) };
    }

    private Task<StagePlan> AddDescriptor(ProcessBundleDescriptor descriptor)
    {
        var runId = RunIds.Of(descriptor);
        _runIds.TryAdd(runId, 0);
        _recorder.AddDescriptor(runId, RecordedDescriptors.From(descriptor));
        Task<StagePlan> plan;
        try
        {
            plan = Task.FromResult(StagePlan.Build(descriptor, runId));
        }
        catch (Exception e) when (e is HarnessException or FormatException or Model.Coders.CoderException or KeyNotFoundException or InvalidOperationException)
        {
            plan = Task.FromException<StagePlan>(e);
        }

        _plans[descriptor.Id] = plan;
        return plan;
    }

    private async Task<StagePlan> GetPlanAsync(string descriptorId)
    {
        if (_plans.TryGetValue(descriptorId, out var known))
        {
            return await known.ConfigureAwait(false);
        }

        var descriptor = await new BeamFnControl.BeamFnControlClient(_control!).GetProcessBundleDescriptorAsync(
            new GetProcessBundleDescriptorRequest { ProcessBundleDescriptorId = descriptorId },
            new CallOptions(Headers, cancellationToken: _stop!.Token)).ResponseAsync.ConfigureAwait(false);
        if (_plans.TryGetValue(descriptorId, out known))
        {
            return await known.ConfigureAwait(false);
        }

        return await AddDescriptor(descriptor).ConfigureAwait(false);
    }

    private async Task<InstructionResponse> ProcessBundleAsync(InstructionRequest request)
    {
        var descriptorId = request.ProcessBundle.ProcessBundleDescriptorId;
        StagePlan plan;
        try
        {
            plan = await GetPlanAsync(descriptorId).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Arrived(request.InstructionId, null);
            Record(new RecordedInstruction(InstructionKinds.ProcessBundle, request.InstructionId, WorkerId), null, new InstructionResponse());
            return new InstructionResponse { Error = $"FakeHarness cannot run ProcessBundleDescriptor '{descriptorId}': {e.Message}" };
        }

        Record(new RecordedInstruction(InstructionKinds.ProcessBundle, request.InstructionId, WorkerId)
        {
            UserStateCacheTokens = [.. request.ProcessBundle.CacheTokens
                .Where(static t => t.TypeCase == ProcessBundleRequest.Types.CacheToken.TypeOneofCase.UserState)
                .Select(static t => Convert.ToHexStringLower(t.Token.Span))],
        }, plan.RunId, new InstructionResponse());
        var bundle = new BundleRunner(this, plan, request.InstructionId, request.ProcessBundle, _monitoringIds);
        _activeBundles[request.InstructionId] = bundle;
        Arrived(request.InstructionId, bundle);
        try
        {
            var result = await bundle.RunAsync(_stop!.Token).ConfigureAwait(false);
            await _captures!.DeliverAsync(result.Captures, result.Failures, CancellationToken.None).ConfigureAwait(false);
            if (result.Error is { } error)
            {
                Log.BundleFailed(_logger, WorkerId, request.InstructionId, error);
                _log?.Error(error, request.InstructionId, result.Failures.FirstOrDefault()?.Transform);
                _recorder.AddBundleEvent(plan.RunId, new RecordedBundleEvent("failed", request.InstructionId, WorkerId) { Sequence = _recorder.NextSequence() });
                return new InstructionResponse { Error = error };
            }

            // Pending before the answer is written: the runner can only finalize after it has read the answer.
            if (result.Finalizations.Count > 0)
            {
                _pendingFinalizations[request.InstructionId] = (plan.RunId, result.Finalizations, plan.Misanswers.Contains(Faults.Misanswer.FinalizeError));
            }

            _recorder.AddBundleEvent(plan.RunId, new RecordedBundleEvent("response", request.InstructionId, WorkerId)
            {
                RequiresFinalization = result.Finalizations.Count > 0,
                Checkpoints = result.Checkpoints,
                AtMillis = _options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds(),
                Sequence = _recorder.NextSequence(),
            });
            if (plan.Misanswers.Count > 0)
            {
                Faults.Misanswer.Response(plan.Misanswers, result.Response!, [.. plan.Nodes.Where(static n => n.IsSource).Select(static n => n.Id)], request.InstructionId);
            }

            return new InstructionResponse { ProcessBundle = result.Response };
        }
        finally
        {
            _activeBundles.TryRemove(request.InstructionId, out _);
            _arrivedBundles.TryRemove(request.InstructionId, out _);
            bundle.ReleaseChannels();
        }
    }

    private InstructionResponse Progress(InstructionRequest request)
    {
        var target = request.ProcessBundleProgress.InstructionId;
        if (_activeBundles.TryGetValue(target, out var bundle))
        {
            var (answer, recorded) = bundle.Progress();
            return Record(
                new RecordedInstruction(InstructionKinds.Of(request), request.InstructionId, WorkerId) { TargetInstructionId = target, Progress = recorded },
                bundle.Plan.RunId,
                bundle.Plan.Misanswers.Contains(Faults.Misanswer.ProgressError)
                    ? new InstructionResponse { Error = $"misanswer progress_error: no progress for instruction '{target}'", ProcessBundleProgress = answer }
                    : new InstructionResponse { ProcessBundleProgress = answer });
        }

        // A bundle that is not (or no longer) running: nothing to report, which the protocol allows.
        return Record(
            new RecordedInstruction(InstructionKinds.Of(request), request.InstructionId, WorkerId) { TargetInstructionId = target },
            null,
            new InstructionResponse { ProcessBundleProgress = new ProcessBundleProgressResponse() });
    }

    // Runs the bundle's finalization callbacks once (Beam's SDK harnesses drop a bundle's callbacks after running them);
    // an instruction with none pending (unknown, failed, never asked, already finalized) is answered with an error,
    // as Python's SDK harness does for a bundle not in a finalizable state. Either way the request is recorded.
    private InstructionResponse Finalize(InstructionRequest request)
    {
        var target = request.FinalizeBundle.InstructionId;
        if (_pendingFinalizations.TryRemove(target, out var pending))
        {
            _recorder.AddBundleEvent(pending.RunId, new RecordedBundleEvent("finalize", target, WorkerId) { CallbacksRun = pending.Transforms });
            Log.BundleFinalized(_logger, WorkerId, target, pending.Transforms.Count);
            return Record(
                new RecordedInstruction(InstructionKinds.Of(request), request.InstructionId, WorkerId) { TargetInstructionId = target },
                pending.RunId,
                pending.Fails
                    ? new InstructionResponse { Error = $"misanswer finalize_error: a finalization callback of instruction '{target}' failed" }
                    : new InstructionResponse { FinalizeBundle = new FinalizeBundleResponse() });
        }

        foreach (var run in _runIds.Keys)
        {
            _recorder.AddBundleEvent(run, new RecordedBundleEvent("finalize", target, WorkerId));
        }

        return Record(new RecordedInstruction(InstructionKinds.Of(request), request.InstructionId, WorkerId) { TargetInstructionId = target }, null, new InstructionResponse
        {
            Error = $"FakeHarness has no finalization pending for instruction '{target}' (unknown, failed, not asked for, or already finalized)",
        });
    }

    private void Arrived(string instructionId, BundleRunner? bundle)
    {
        if (bundle is null && _arrivedBundles.TryRemove(instructionId, out var gone))
        {
            gone.TrySetResult(null);
        }
        else if (bundle is not null && _arrivedBundles.TryGetValue(instructionId, out var arrived))
        {
            arrived.TrySetResult(bundle);
        }
    }

    // A bundle that is not running (unknown, failed before it started, or finished) answers "no split" (an empty
    // response), as Beam's SDK harnesses do; one that arrived but has not started yet is waited for.
    private async Task<InstructionResponse> SplitAsync(InstructionRequest request)
    {
        var target = request.ProcessBundleSplit.InstructionId;
        BundleRunner? bundle = null;
        if (_arrivedBundles.TryGetValue(target, out var arrived))
        {
            bundle = await arrived.Task.WaitAsync(_stop!.Token).ConfigureAwait(false);
        }

        var sources = bundle is null ? [] : await bundle.Started.WaitAsync(_stop!.Token).ConfigureAwait(false);
        foreach (var element in sources.Select(static s => s.Split.Element).OfType<Splits.IElementSplitter>())
        {
            // A splittable consumer that awaits the split reaches its deterministic point first (bounded wait).
            try
            {
                await element.ReadyForSplitAsync().WaitAsync(Sdf.OffsetRangeSdf.AwaitSplitTimeout, _stop!.Token).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // The bundle never got there (it failed): answer as it is.
            }
        }

        var (response, recorded) = Splits.SplitAnswer.For(target, sources, request.ProcessBundleSplit);
        if (bundle is not null && bundle.Plan.Misanswers.Count > 0)
        {
            response = Faults.Misanswer.Split(bundle.Plan.Misanswers, response, request.ProcessBundleSplit);
        }

        bundle?.OnSplitAsked();
        var instruction = new RecordedInstruction(InstructionKinds.Of(request), request.InstructionId, WorkerId) { Splits = recorded, TargetInstructionId = target };
        return Record(instruction, bundle?.Plan.RunId, new InstructionResponse { ProcessBundleSplit = response });
    }

    private InstructionResponse Record(InstructionRequest request, string? runId, InstructionResponse response) =>
        Record(new RecordedInstruction(InstructionKinds.Of(request), request.InstructionId, WorkerId), runId, response);

    private InstructionResponse Record(RecordedInstruction instruction, string? runId, InstructionResponse response)
    {
        instruction = instruction with { Sequence = _arrivals.TryRemove(instruction.InstructionId, out var arrival) ? arrival : _recorder.NextSequence() };
        if (runId is not null)
        {
            _recorder.AddInstruction(runId, instruction);
        }
        else
        {
            foreach (var run in _runIds.Keys)
            {
                _recorder.AddInstruction(run, instruction);
            }
        }

        return response;
    }
}
