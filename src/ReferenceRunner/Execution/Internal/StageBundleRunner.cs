using BeamConformance.Engine;
using BeamConformance.Model.Coders;
using BeamConformance.ReferenceRunner.Execution.Internal.Timers;
using BeamConformance.ReferenceRunner.Execution.Internal.UserState;
using BeamConformance.ReferenceRunner.FnApi;
using BeamConformance.ReferenceRunner.Translation;
using Microsoft.Extensions.Logging;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.ReferenceRunner.Execution.Internal;

/// <summary>
/// Runs one engine bundle of an SDK stage as a ProcessBundle instruction and commits or fails it in the engine.
/// Bundles of a stateful stage run one at a time, their input grouped by key, their user state committed with the
/// bundle (or discarded, and the stage's cache token changed, when it fails), expired state collected before each.
/// </summary>
internal sealed class StageBundleRunner(
    JobRunContext context,
    FnApiOptions fnApiOptions,
    ExecutionOptions options,
    JobEngine engine,
    FusedPipeline fused,
    IReadOnlyDictionary<StageId, string> descriptors,
    IReadOnlyDictionary<string, WorkerConnection> connections,
    LateDataReport lateData,
    UserStateStore userState,
    ILogger logger)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<StageId, SemaphoreSlim> _statefulGates = new();

    /// <summary>The job's committed user timers, for stages with timer families.</summary>
    public TimerStore Timers { get; init; } = new();

    /// <summary>
    /// Runs the bundle; never throws: a failure fails the bundle in the engine, which runs it again while attempts are left
    /// (<see cref="ExecutionOptions.MaxBundleAttempts"/>, warning on the job's message stream) or fails the job.
    /// </summary>
    public async Task RunAsync(Bundle bundle, CancellationToken cancellationToken)
    {
        var stage = fused.StageOf(bundle.Stage);
        if (!stage.IsStateful)
        {
            await RunAsync(bundle, stage, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        // One bundle of a stateful stage at a time: each sees the state its predecessors committed.
        var gate = _statefulGates.GetOrAdd(stage.StageId, static _ => new SemaphoreSlim(1, 1));
        try
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            engine.FailBundle(bundle.Id, "the job was cancelled");
            return;
        }

        try
        {
            await RunAsync(bundle, stage, userState, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task RunAsync(Bundle bundle, ExecutableStagePlan stage, UserStateStore? state, CancellationToken cancellationToken)
    {
        var connection = connections[stage.EnvironmentId];
        var instructionId = $"{context.JobId}/{bundle.Id}";
        var metricsKey = $"{connection.WorkerId}/{instructionId}";
        using var stageScope = ExecutionLog.StageScope(logger, stage.StageId.Value);
        using var bundleScope = ExecutionLog.BundleScope(logger, instructionId);
        var committed = false;
        try
        {
            var sideInputs = stage.SideInputs.Count > 0 ? new SideInputStateSource(engine, stage) : null;
            IBundleStateSource? source = sideInputs;
            UserStateTransaction? transaction = null;
            var inputs = stage.Inputs.Select(input => (input, Elements: bundle.Inputs.Where(i => i.PCollection == input.PCollection).SelectMany(static i => i.Elements))).ToList();
            var cacheTokens = new List<ProcessBundleRequest.Types.CacheToken>();
            var timers = state is not null && stage.TimerFamilies.Count > 0 ? new TimerTransaction(Timers, stage, bundle.HeldInputWatermarkMillis, bundle.ProcessingTimeMillis, state.Cells()) : null;
            HashSet<string> keys = [];
            if (state is not null)
            {
                // The input watermark held by the stage's unprocessed elements: a batch job's bounded input jumps to the max
                // while the stage still has elements of every window to process, and those windows' state must live on.
                // Pending event-time timers hold it too: a timer firing at its window's expiry still reads the window's state.
                state.CollectGarbage(stage, Math.Min(bundle.HeldInputWatermarkMillis, timers?.GarbageCollectionWatermark ?? long.MaxValue));

                (var ordered, keys) = KeyedInput.Arrange(inputs[0].Elements, stage.Inputs[0].Coding);
                keys.UnionWith(timers?.FiredKeys ?? []);
                inputs[0] = (inputs[0].input, ordered);
                source = transaction = new UserStateTransaction(state, stage, keys, sideInputs);
                cacheTokens.Add(new ProcessBundleRequest.Types.CacheToken { UserState = new(), Token = state.CacheToken(stage.StageId) });
            }

            // A stateful stage's input is re-ordered by key above, so the split indices would not be the engine's: not split.
            var progress = new BundleProgress(context, connection.WorkerId, instructionId, stage.Inputs.Count > 0 ? stage.Inputs[0].TransformId : string.Empty, logger);
            var split = state is null ? SplitFor(bundle, stage, connection, instructionId, inputs[0].Elements) : null;
            var progressSplit = state is null ? ProgressSplitFor(bundle, stage, connection, instructionId, progress, inputs[0].Elements) : null;
            var request = new BundleRequest
            {
                InstructionId = instructionId,
                DescriptorId = descriptors[stage.StageId],
                Inputs = [.. inputs.Select(i => new BundleDataInput(i.input.TransformId, ElementWireCodec.Encode(i.Elements, i.input.Coding, fnApiOptions.MaxDataChunkBytes)))],
                SinkTransformIds = [.. stage.Outputs.Select(static o => o.TransformId)],
                Timers = timers?.Inputs() ?? [],
                StateSource = source,
                CacheTokens = cacheTokens,
                BeforeInputs = split is null || stage.Splittable is not null ? null : split.AskAsync,
                AfterInputs = split is null || stage.Splittable is null ? null : split.AskAsync,
            };

            BundleOutcome outcome;
            try
            {
                outcome = await ProcessAsync(connection, request, instructionId, metricsKey, progress, progressSplit, cancellationToken).ConfigureAwait(false);
            }
            catch when (state is not null)
            {
                state.Invalidate(stage.StageId);
                throw;
            }

            var outputs = new Dictionary<PCollectionId, IReadOnlyList<Element>>();
            var produced = 0;
            foreach (var output in stage.Outputs)
            {
                var elements = DecodeOutput(stage, output, outcome.Outputs[output.TransformId]);
                produced += elements.Count;
                outputs[output.PCollection] = outputs.TryGetValue(output.PCollection, out var already) ? [.. already, .. elements] : elements;
            }

            try
            {
                timers?.Apply(outcome.Timers, keys);
            }
            catch (TimerRejectedException e)
            {
                state?.Invalidate(stage.StageId);
                throw new BundleFailedException(instructionId, e.Message);
            }

            var metrics = await connection.ResolveMonitoringInfosAsync(outcome.Response.MonitoringInfos, outcome.Response.MonitoringData, cancellationToken).ConfigureAwait(false);
            var finalMetrics = DecodeMonitoringInfos(stage, instructionId, metrics);
            engine.CommitBundle(bundle.Id, new BundleResult
            {
                Outputs = outputs,
                FirstResidualElements = ResidualOf(stage, split?.FirstResidualElement ?? progressSplit?.FirstResidualElement),
                ResidualRoots =
                [
                    .. split?.ResidualRoot is { } root ? [root] : Array.Empty<ResidualRoot>(),
                    .. progressSplit?.ResidualRoots ?? [],
                    .. CheckpointRoots.Read(outcome.Response, stage, instructionId),
                ],
                Timers = timers?.Summary(CellsAfter(state!, transaction)),
            });

            // In the engine from here: the bundle can no longer be failed or retried.
            committed = true;
            transaction?.Commit();
            timers?.Commit();
            context.Metrics.Commit(metricsKey, finalMetrics);
            lateData.UpdateCounters();
            ExecutionLog.BundleCommitted(logger, context.JobId, bundle.Id.ToString(), stage.StageId.Value, bundle.ElementCount, produced);

            // After the commit (outputs, user state and metrics durable), never before and never for a failed attempt.
            await BundleFinalization.FinalizeIfAskedAsync(connection, outcome.Response, instructionId, context, logger, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (committed)
        {
            // Cancelled while finalizing a committed bundle: nothing to undo.
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            context.Metrics.Abandon(metricsKey);
            engine.FailBundle(bundle.Id, "the job was cancelled");
        }
        catch (Exception e) when (!committed)
        {
            // Past the engine's commit the bundle can no longer be failed or retried: only a ReferenceRunner bug throws
            // there, and it leaves this method for JobRun, which fails the job naming the bundle.
            context.Metrics.Abandon(metricsKey);
            var reason = Describe(e, connection.WorkerId);
            if (engine.FailBundle(bundle.Id, reason))
            {
                // Retried: the failed attempt is not silent.
                context.Messages.Post(
                    Org.Apache.Beam.Model.JobManagement.V1.JobMessage.Types.MessageImportance.JobMessageWarning,
                    $"bundle {bundle.Id} of stage '{stage.StageId}' failed on attempt {bundle.Attempt} of {options.MaxBundleAttempts} and is run again: {reason}");
            }
        }
    }

    // The committed cells as they will be once the bundle's state commits (its changes applied).
    private static IEnumerable<StateCellId> CellsAfter(UserStateStore state, UserStateTransaction? transaction)
    {
        var changed = transaction?.Changed() ?? new Dictionary<StateCellId, StateCell>();
        return state.Cells().Where(id => !changed.ContainsKey(id)).Concat(changed.Where(static c => !c.Value.IsEmpty).Select(static c => c.Key));
    }

    private async Task<BundleOutcome> ProcessAsync(
        WorkerConnection connection, BundleRequest request, string instructionId, string metricsKey, BundleProgress answers, ProgressSplitLoop? progressSplit,
        CancellationToken cancellationToken)
    {
        using var progress = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var progressLoop = ReportProgressAsync(connection, instructionId, metricsKey, answers, progress.Token);
        var splitLoop = progressSplit?.RunAsync(progress.Token, cancellationToken) ?? Task.CompletedTask;
        BundleOutcome outcome;
        try
        {
            outcome = await connection.ProcessBundleAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await progress.CancelAsync().ConfigureAwait(false);
            await progressLoop.ConfigureAwait(false);
        }

        // A split asked while the bundle ran is answered before its outputs are taken (an inconsistent one fails the bundle).
        await splitLoop.ConfigureAwait(false);
        return outcome;
    }

    // Split mode progress: bundles of two or more elements on an ordinary stage's single data input, and every bundle of a
    // splittable DoFn's stage (one element can split inside), split when stalled.
    private ProgressSplitLoop? ProgressSplitFor(
        Bundle bundle, ExecutableStagePlan stage, WorkerConnection connection, string instructionId, BundleProgress progress, IEnumerable<Element> elements) =>
        stage.Inputs.Count == 1 && bundle.ElementCount >= (stage.Splittable is null ? 2 : 1) && options.SplitMode is SplitMode.OnStalledProgress
            ? new ProgressSplitLoop(connection, context.JobId, instructionId, stage.Inputs[0].TransformId, bundle.ElementCount, progress, options.TimeProvider, logger,
                splittable: stage.Splittable is { } root ? new SplittableBundle(root, stage.Inputs[0], [.. elements]) : null)
            : null;

    // A split is asked of bundles of two or more elements on a stage's single data input (SplitMode's contract), and of
    // every bundle of a splittable DoFn's stage (one element can split).
    private ChannelSplitRequest? SplitFor(Bundle bundle, ExecutableStagePlan stage, WorkerConnection connection, string instructionId, IEnumerable<Element> elements) =>
        stage.Inputs.Count == 1 && bundle.ElementCount >= (stage.Splittable is null ? 2 : 1) && options.SplitMode.FractionFor(bundle.Id.Value) is { } fraction
            ? new ChannelSplitRequest(connection, context.JobId, instructionId, stage.Inputs[0].TransformId, bundle.ElementCount, fraction, options.TimeProvider, logger,
                splittable: stage.Splittable is { } root ? new SplittableBundle(root, stage.Inputs[0], [.. elements]) : null)
            : null;

    private static Dictionary<PCollectionId, int> ResidualOf(ExecutableStagePlan stage, int? firstResidualElement) =>
        firstResidualElement is { } first ? new() { [stage.Inputs[0].PCollection] = first } : [];

    // The engine's Impulse element is already the wire bytes (00, the nested encoding of an empty byte array):
    // every input, Impulse output or not, goes out as the engine holds it.

    private static List<Element> DecodeOutput(ExecutableStagePlan stage, StageDataOutput output, IReadOnlyList<ReadOnlyMemory<byte>> chunks)
    {
        try
        {
            return ElementWireCodec.Decode(chunks, output.Coding);
        }
        catch (CoderException e)
        {
            throw new BundleFailedException(
                $"the SDK's output of stage '{stage.StageId}' on sink '{output.TransformId}' (PCollection '{output.PCollection}') does not decode with {output.Coding}: {e.Message}", e);
        }
    }

    // Before the engine's commit: a malformed MonitoringInfo fails the bundle like undecodable output does (the job's
    // committed metrics would otherwise be wrong), instead of being refused by JobMetrics once the outputs are committed.
    private static MetricTable DecodeMonitoringInfos(ExecutableStagePlan stage, string instructionId, IReadOnlyList<Org.Apache.Beam.Model.Pipeline.V1.MonitoringInfo> infos)
    {
        try
        {
            return JobMetrics.Decode(infos);
        }
        catch (ArgumentException e)
        {
            throw new BundleFailedException($"the SDK's ProcessBundleResponse for instruction '{instructionId}' of stage '{stage.StageId}' has a malformed MonitoringInfo: {e.Message}", e);
        }
    }

    private async Task ReportProgressAsync(WorkerConnection connection, string instructionId, string metricsKey, BundleProgress answers, CancellationToken cancellationToken)
    {
        if (options.ProgressInterval is not { } interval || interval <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            while (true)
            {
                await Task.Delay(interval, options.TimeProvider, cancellationToken).ConfigureAwait(false);
                var response = await connection.SendInstructionAsync(
                    new InstructionRequest { ProcessBundleProgress = new ProcessBundleProgressRequest { InstructionId = instructionId } },
                    cancellationToken).ConfigureAwait(false);
                if (!string.IsNullOrEmpty(response.Error) || response.ProcessBundleProgress is null)
                {
                    ExecutionLog.ProgressFailed(logger, context.JobId, instructionId, response.Error);
                    continue;
                }

                var infos = await connection.ResolveMonitoringInfosAsync(
                    response.ProcessBundleProgress.MonitoringInfos, response.ProcessBundleProgress.MonitoringData, cancellationToken).ConfigureAwait(false);
                _ = answers.Read(infos);
                if (!cancellationToken.IsCancellationRequested)
                {
                    context.Metrics.Attempted(metricsKey, infos);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The bundle ended.
        }
        catch (Exception e)
        {
            ExecutionLog.ProgressFailed(logger, context.JobId, instructionId, e.Message);
        }
    }

    // The engine's failure reason prefixes this with "bundle <id> of stage '<stage>' failed: ".
    private static string Describe(Exception error, string workerId) => error switch
    {
        BundleFailedException failed => $"SDK worker '{workerId}' reported: {failed.Error}",
        InvalidSplitException split => $"SDK worker '{workerId}' answered a split the runner cannot apply: {split.Message}",
        WorkerDisconnectedException gone => $"SDK worker '{gone.WorkerId}' disconnected mid-bundle: {gone.Reason}",
        _ => $"on SDK worker '{workerId}': {error.GetType().Name}: {error.Message}",
    };
}
