using BeamConformance.Model.Coders;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness.Internal.Operators;

/// <summary>What a bundle's operators share: ids, the worker's channels, the captures, the state API.</summary>
internal sealed class BundleContext
{
    private readonly List<string> _finalizations = [];
    private readonly List<(DelayedBundleApplication Root, RecordedCheckpoint Record)> _checkpoints = [];
    private readonly TaskCompletionSource _splitAsked = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public BundleContext(WorkerSession session, StagePlan plan, string instructionId, ProcessBundleRequest request, CancellationToken cancellationToken)
    {
        Session = session;
        Plan = plan;
        InstructionId = instructionId;
        Request = request;
        CancellationToken = cancellationToken;
    }

    public WorkerSession Session { get; }

    public StagePlan Plan { get; }

    public string RunId => Plan.RunId;

    public string InstructionId { get; }

    public ProcessBundleRequest Request { get; }

    public CancellationToken CancellationToken { get; }

    public List<CaptureRecord> Captures { get; } = [];

    /// <summary>The transform ids that registered a bundle finalization callback in this bundle, in order.</summary>
    public IReadOnlyList<string> Finalizations
    {
        get
        {
            lock (_finalizations)
            {
                return [.. _finalizations];
            }
        }
    }

    /// <summary>The residual roots deferred by self-checkpoints in this bundle, with their records, in order.</summary>
    public IReadOnlyList<(DelayedBundleApplication Root, RecordedCheckpoint Record)> Checkpoints
    {
        get
        {
            lock (_checkpoints)
            {
                return [.. _checkpoints];
            }
        }
    }

    /// <summary>A splittable DoFn deferred <c>[from, to)</c> of its restriction: a residual root of the response.</summary>
    public void AddCheckpoint(DelayedBundleApplication root, long from, long to)
    {
        var delay = root.RequestedTimeDelay?.ToTimeSpan().TotalMilliseconds ?? 0;
        lock (_checkpoints)
        {
            _checkpoints.Add((root, new RecordedCheckpoint(from, to, (long)delay) { OutputWatermarkMillis = Splits.SplitAnswer.LeastWatermarkMillis(root) }));
        }
    }

    /// <summary>Records that a splittable DoFn started processing the restriction <c>[from, to)</c> (the harness's clock).</summary>
    public void RecordRestrictionStarted(long from, long to) =>
        Recorder.AddBundleEvent(RunId, new RecordedBundleEvent("restriction", InstructionId, Session.WorkerId)
        {
            Restriction = (from, to),
            AtMillis = Session.Options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds(),
        });

    /// <summary>Completes once a ProcessBundleSplitRequest for this bundle has been answered (split or not).</summary>
    public Task SplitAsked => _splitAsked.Task;

    /// <summary>Marks that a ProcessBundleSplitRequest for this bundle was answered.</summary>
    public void OnSplitAsked() => _splitAsked.TrySetResult();

    /// <summary>Registers a finalization callback of transform <paramref name="transformId"/>: the response asks for finalization.</summary>
    public void RegisterFinalization(string transformId)
    {
        lock (_finalizations)
        {
            _finalizations.Add(transformId);
        }
    }

    public ProtocolRecorder Recorder => Session.Recorder;

    /// <summary>
    /// Reads every page of a state key (following continuation tokens) from the descriptor's state endpoint, recording
    /// each request and response; returns the concatenated <c>get.data</c> bytes.
    /// </summary>
    /// <exception cref="HarnessException">No state endpoint, a failed stream, or an error response.</exception>
    public async Task<byte[]> ReadStateAsync(StateKey key, string? sideInput)
    {
        var url = Plan.Descriptor.StateApiServiceDescriptor?.Url;
        if (string.IsNullOrEmpty(url))
        {
            throw new HarnessException($"descriptor '{Plan.Descriptor.Id}' needs the state API (side inputs) but has no state_api_service_descriptor");
        }

        var channel = Session.GetStateChannel(url);
        var kind = StateKinds.Of(key);
        var transformId = StateKinds.TransformId(key);
        var (window, keyBytes) = StateKinds.WindowAndKey(key);
        var data = new System.Buffers.ArrayBufferWriter<byte>();
        var token = Google.Protobuf.ByteString.Empty;
        for (var page = 0; ; page++)
        {
            var request = new StateRequest { InstructionId = InstructionId, StateKey = key, Get = new StateGetRequest { ContinuationToken = token } };
            var response = await channel.SendAsync(request, CancellationToken).ConfigureAwait(false);
            var error = string.IsNullOrEmpty(response.Error) ? null : response.Error;
            Recorder.AddStateRequest(RunId, new RecordedStateRequest(
                kind, "get", transformId, sideInput, InstructionId, window, keyBytes, token.ToByteArray(),
                response.Get?.Data.ToByteArray() ?? [], response.Get?.ContinuationToken.ToByteArray() ?? [], error) { UserStateId = StateKinds.UserStateId(key) });
            if (error is not null)
            {
                throw new HarnessException($"the runner answered the {kind} state request for side input '{sideInput}' with an error: {error}");
            }

            if (response.ResponseCase != StateResponse.ResponseOneofCase.Get)
            {
                throw new HarnessException($"the runner answered a {kind} get request with a '{response.ResponseCase}' response");
            }

            System.Buffers.BuffersExtensions.Write(data, response.Get!.Data.Span);
            token = response.Get.ContinuationToken;
            if (token.IsEmpty)
            {
                return data.WrittenSpan.ToArray();
            }

            if (page > 1_000_000)
            {
                throw new HarnessException($"the runner's {kind} state continuation tokens never end");
            }
        }
    }

    /// <summary>
    /// Appends <paramref name="append"/> to the state named by <paramref name="key"/>, or clears it when null; records
    /// the request and the answer.
    /// </summary>
    /// <exception cref="HarnessException">No state endpoint, a failed stream, or an error response.</exception>
    public async Task WriteStateAsync(StateKey key, byte[]? append)
    {
        var url = Plan.Descriptor.StateApiServiceDescriptor?.Url;
        if (string.IsNullOrEmpty(url))
        {
            throw new HarnessException($"descriptor '{Plan.Descriptor.Id}' needs the state API (user state) but has no state_api_service_descriptor");
        }

        var kind = StateKinds.Of(key);
        var (window, keyBytes) = StateKinds.WindowAndKey(key);
        var request = new StateRequest { InstructionId = InstructionId, StateKey = key };
        if (append is null)
        {
            request.Clear = new StateClearRequest();
        }
        else
        {
            request.Append = new StateAppendRequest { Data = Google.Protobuf.ByteString.CopyFrom(append) };
        }

        var response = await Session.GetStateChannel(url).SendAsync(request, CancellationToken).ConfigureAwait(false);
        var error = string.IsNullOrEmpty(response.Error) ? null : response.Error;
        Recorder.AddStateRequest(RunId, new RecordedStateRequest(
            kind, append is null ? "clear" : "append", StateKinds.TransformId(key), null, InstructionId, window, keyBytes, [], [], [], error, append) { UserStateId = StateKinds.UserStateId(key) });
        if (error is not null)
        {
            throw new HarnessException($"the runner answered the {kind} {(append is null ? "clear" : "append")} request with an error: {error}");
        }
    }

    /// <summary>Decodes a stream of nested values (a state response body).</summary>
    /// <exception cref="HarnessException">Invalid bytes.</exception>
    public static object?[] DecodeAll(byte[] bytes, Coder coder, string where)
    {
        var values = new List<object?>();
        try
        {
            var reader = new CoderReader(bytes);
            while (!reader.AtEnd)
            {
                values.Add(coder.Decode(ref reader, nested: true));
            }
        }
        catch (CoderException e)
        {
            throw new HarnessException($"{where}: cannot decode the state data with {coder}: {e.Message}", inner: e);
        }

        return values.ToArray();
    }
}
