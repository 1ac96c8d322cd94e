using System.Collections.Concurrent;
using BeamConformance.ReferenceRunner.FnApi.Internal;
using BeamConformance.ReferenceRunner.Workers.Internal;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Microsoft.Extensions.Logging;
using Org.Apache.Beam.Model.FnExecution.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.FnApi;

/// <summary>
/// An SDK worker connected to the runner's control stream (<c>BeamFnControl.Control</c>): sends it
/// instructions, runs bundles over the data and state streams, and ends the worker's streams when disposed.
/// Thread-safe; several bundles may run at once.
/// </summary>
public sealed class WorkerConnection : IAsyncDisposable
{
    private readonly SdkWorker _worker;
    private readonly StreamSender<InstructionRequest> _control;
    private readonly FnApiOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<InstructionResponse>> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MonitoringInfo> _shortIds = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<string> _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextInstruction;

    internal WorkerConnection(SdkWorker worker, StreamSender<InstructionRequest> control, FnApiOptions options, ILogger logger)
    {
        _worker = worker;
        _control = control;
        _options = options;
        _logger = logger;
    }

    /// <summary>The worker's id (its <c>worker_id</c> metadata).</summary>
    public string WorkerId => _worker.WorkerId;

    /// <summary>Completes, with the reason, when the worker's control stream ends.</summary>
    public Task<string> Disconnected => _disconnected.Task;

    /// <summary>Whether the control stream is still open.</summary>
    public bool IsConnected => !_disconnected.Task.IsCompleted;

    internal CancellationToken Closing => _worker.Closing;

    /// <summary>Makes a descriptor available to this worker's <c>GetProcessBundleDescriptor</c> calls.</summary>
    /// <param name="descriptor">The descriptor; its <c>id</c> is what ProcessBundleRequests name.</param>
    /// <exception cref="ArgumentException">The id is empty, or another descriptor has the same id.</exception>
    public void RegisterDescriptor(ProcessBundleDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentException.ThrowIfNullOrEmpty(descriptor.Id, nameof(descriptor));
        var stored = _worker.Descriptors.GetOrAdd(descriptor.Id, descriptor);
        if (!ReferenceEquals(stored, descriptor) && !stored.Equals(descriptor))
        {
            throw new ArgumentException($"worker '{WorkerId}' already has a different descriptor with id '{descriptor.Id}'", nameof(descriptor));
        }
    }

    /// <summary>
    /// Sends one instruction and waits for the worker's answer. An empty <c>instruction_id</c> is filled in.
    /// </summary>
    /// <returns>The InstructionResponse (check its <c>error</c>).</returns>
    /// <exception cref="WorkerDisconnectedException">The control stream ended before the answer came.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<InstructionResponse> SendInstructionAsync(InstructionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(request.InstructionId))
        {
            request.InstructionId = $"{WorkerId}-control-{Interlocked.Increment(ref _nextInstruction)}";
        }

        var answer = new TaskCompletionSource<InstructionResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryAdd(request.InstructionId, answer))
        {
            throw new ArgumentException($"instruction id '{request.InstructionId}' is already in flight on worker '{WorkerId}'", nameof(request));
        }

        try
        {
            ThrowIfDisconnected();
            try
            {
                await _control.WriteAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new WorkerDisconnectedException(WorkerId, $"sending instruction '{request.InstructionId}' failed: {e.Message}");
            }

            return await answer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(request.InstructionId, out _);
        }
    }

    /// <summary>
    /// Runs one bundle: sends the ProcessBundleRequest, streams the inputs on the data stream (each source
    /// ending with <c>is_last</c>), collects every sink's data until its <c>is_last</c>, and waits for the
    /// ProcessBundleResponse. Elements are never embedded in the ProcessBundleRequest.
    /// </summary>
    /// <returns>The response and the data per sink.</returns>
    /// <exception cref="BundleFailedException">The SDK answered with an error, or its data broke the protocol.</exception>
    /// <exception cref="WorkerDisconnectedException">The worker's control stream ended mid-bundle.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<BundleOutcome> ProcessBundleAsync(BundleRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tracker = new BundleTracker(request.InstructionId, request.SinkTransformIds, request.StateSource);
        if (!_worker.ActiveBundles.TryAdd(request.InstructionId, tracker))
        {
            throw new ArgumentException($"bundle '{request.InstructionId}' is already running on worker '{WorkerId}'", nameof(request));
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var instruction = new InstructionRequest
        {
            InstructionId = request.InstructionId,
            ProcessBundle = new ProcessBundleRequest { ProcessBundleDescriptorId = request.DescriptorId, CacheTokens = { request.CacheTokens } },
        };
        var responseTask = SendInstructionAsync(instruction, stop.Token);
        var sendTask = SendInputsAsync(request, () => responseTask.IsCompleted, stop.Token);
        try
        {
            if (await Task.WhenAny(responseTask, sendTask).ConfigureAwait(false) == sendTask)
            {
                await sendTask.ConfigureAwait(false);
            }

            var response = await responseTask.ConfigureAwait(false);
            if (tracker.Rejection is { } rejected)
            {
                throw new BundleFailedException(request.InstructionId, string.IsNullOrEmpty(response.Error) ? rejected : $"{rejected} (the SDK then reported: {response.Error})");
            }

            if (!string.IsNullOrEmpty(response.Error))
            {
                throw new BundleFailedException(request.InstructionId, response.Error);
            }

            await sendTask.ConfigureAwait(false);
            try
            {
                await tracker.SinksDone.WaitAsync(stop.Token).ConfigureAwait(false);
            }
            catch (InvalidOperationException e)
            {
                throw new BundleFailedException(request.InstructionId, e.Message);
            }

            return new BundleOutcome(request.InstructionId, response.ProcessBundle ?? new ProcessBundleResponse(), tracker.Outputs());
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            _worker.ActiveBundles.TryRemove(request.InstructionId, out _);
            await Task.WhenAll(responseTask, sendTask).ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Turns a response's metrics into full MonitoringInfos: <c>monitoring_infos</c> as sent, plus the entries of
    /// <c>monitoring_data</c> (short id → payload) not already covered, whose URN, type and labels are asked of the
    /// worker once per short id with a MonitoringInfosMetadataRequest.
    /// </summary>
    /// <exception cref="WorkerDisconnectedException">The worker left while the metadata was asked.</exception>
    public async Task<IReadOnlyList<MonitoringInfo>> ResolveMonitoringInfosAsync(
        RepeatedField<MonitoringInfo> monitoringInfos, MapField<string, ByteString> monitoringData, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(monitoringInfos);
        ArgumentNullException.ThrowIfNull(monitoringData);
        if (monitoringInfos.Count > 0 || monitoringData.Count == 0)
        {
            return monitoringInfos;
        }

        var unknown = monitoringData.Keys.Where(id => !_shortIds.ContainsKey(id)).ToList();
        if (unknown.Count > 0)
        {
            var request = new InstructionRequest { MonitoringInfos = new MonitoringInfosMetadataRequest() };
            request.MonitoringInfos.MonitoringInfoId.AddRange(unknown);
            var response = await SendInstructionAsync(request, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(response.Error))
            {
                FnApiLog.MetadataRequestFailed(_logger, WorkerId, response.Error);
            }

            foreach (var (id, info) in response.MonitoringInfos?.MonitoringInfo ?? [])
            {
                _shortIds[id] = info;
            }
        }

        var resolved = new List<MonitoringInfo>(monitoringData.Count);
        foreach (var (id, payload) in monitoringData)
        {
            if (_shortIds.TryGetValue(id, out var metadata))
            {
                var info = metadata.Clone();
                info.Payload = payload;
                resolved.Add(info);
            }
        }

        return resolved;
    }

    /// <summary>Ends the worker's control, data, state and logging streams (the SDK then shuts down).</summary>
    public ValueTask DisposeAsync()
    {
        OnDisconnected("the runner closed the control stream");
        _worker.Close();
        return ValueTask.CompletedTask;
    }

    internal void OnResponse(InstructionResponse response)
    {
        if (_pending.TryGetValue(response.InstructionId, out var answer))
        {
            answer.TrySetResult(response);
        }
        else
        {
            FnApiLog.UnexpectedResponse(_logger, WorkerId, response.InstructionId);
        }
    }

    internal void OnDisconnected(string reason)
    {
        if (!_disconnected.TrySetResult(reason))
        {
            return;
        }

        var error = new WorkerDisconnectedException(WorkerId, reason);
        foreach (var answer in _pending.Values)
        {
            answer.TrySetException(error);
        }

        foreach (var bundle in _worker.ActiveBundles.Values)
        {
            bundle.Fail(error);
        }
    }

    private void ThrowIfDisconnected()
    {
        if (_disconnected.Task.IsCompleted)
        {
            throw new WorkerDisconnectedException(WorkerId, _disconnected.Task.Result);
        }
    }

    private async Task SendInputsAsync(BundleRequest request, Func<bool> instructionFinished, CancellationToken cancellationToken)
    {
        if (request.BeforeInputs is { } before && !instructionFinished())
        {
            await before(instructionFinished, cancellationToken).ConfigureAwait(false);
        }

        var dataTask = _worker.DataStream;
        if (!dataTask.IsCompleted)
        {
            var first = await Task.WhenAny(dataTask, _disconnected.Task).WaitAsync(cancellationToken).ConfigureAwait(false);
            if (first != dataTask)
            {
                ThrowIfDisconnected();
            }
        }

        var data = await dataTask.ConfigureAwait(false);
        var last = new Elements();
        foreach (var input in request.Inputs)
        {
            foreach (var chunk in input.Chunks)
            {
                var message = new Elements();
                message.Data.Add(new Elements.Types.Data
                {
                    InstructionId = request.InstructionId,
                    TransformId = input.TransformId,
                    Data_ = UnsafeByteOperations.UnsafeWrap(chunk),
                });

                // The is_last message below always follows: no flush per chunk.
                await data.WriteAsync(message, cancellationToken, moreFollows: true).ConfigureAwait(false);
            }

            last.Data.Add(new Elements.Types.Data { InstructionId = request.InstructionId, TransformId = input.TransformId, IsLast = true });
        }

        if (last.Data.Count > 0)
        {
            await data.WriteAsync(last, cancellationToken).ConfigureAwait(false);
        }

        if (request.AfterInputs is { } after && !instructionFinished())
        {
            await after(instructionFinished, cancellationToken).ConfigureAwait(false);
        }
    }
}
