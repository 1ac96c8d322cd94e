using System.Text;
using BeamConformance.Engine;
using BeamConformance.ReferenceRunner.Execution.Internal.UserState;
using BeamConformance.ReferenceRunner.FnApi;
using BeamConformance.ReferenceRunner.Translation;
using BeamConformance.ReferenceRunner.Workers.Internal;
using Microsoft.Extensions.Logging;
using Org.Apache.Beam.Model.JobManagement.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Execution.Internal;

/// <summary>One job's execution: fusion, workers, the bundle loop, and cleanup.</summary>
internal sealed class JobRun(JobRunContext context, FnApiServer fnApi, ExecutionOptions options) : IAsyncDisposable
{
    private readonly ILogger _logger = context.LoggerFactory.CreateLogger("BeamConformance.ReferenceRunner.Execution");
    private readonly List<SdkWorker> _workers = [];
    private readonly Dictionary<string, WorkerConnection> _connections = new(StringComparer.Ordinal);
    private volatile bool _stopping;

    /// <summary>The job's committed user state (stateful ParDos), per transform, state id, key and window.</summary>
    public UserStateStore UserState { get; } = new(context.JobId);

    /// <summary>The job's committed user timers (stages with timer families).</summary>
    public Timers.TimerStore Timers { get; } = new();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var fused = context.Translation;
        var graph = fused.BuildEngineGraph();

        var mode = ExecutionModeChoice.For(context.Pipeline, options.Mode, context.PipelineOptions);
        context.Messages.Post(JobMessage.Types.MessageImportance.JobMessageBasic, mode.ToString());
        var splitMode = SplitModeChoice.For(options.SplitMode, context.PipelineOptions, context.Messages, Fail);
        if (DrainOption.IsSet(context.PipelineOptions))
        {
            context.Messages.Post(JobMessage.Types.MessageImportance.JobMessageBasic, "drained (the pipeline option drain): splittable DoFns truncate their restrictions and self-checkpoints resume at once");
        }
        // The job's own max_bundle_attempts (0 when it sets none), else the runner's --max-bundle-attempts.
        var jobAttempts = MaxBundleAttemptsOption.ValueOr(context.PipelineOptions, 0);
        var attempts = jobAttempts > 0 ? jobAttempts : options.MaxBundleAttempts;
        if (attempts > 1)
        {
            var source = jobAttempts > 0 ? "the pipeline option max_bundle_attempts" : "the runner's --max-bundle-attempts";
            context.Messages.Post(JobMessage.Types.MessageImportance.JobMessageBasic, $"bundle retries: a failed bundle is run up to {attempts} times before it fails the job (from {source})");
        }

        var environments = fused.Stages.Select(static s => s.EnvironmentId).Distinct(StringComparer.Ordinal).ToList();
        ExecutionLog.Fused(_logger, context.JobId, fused.Stages.Count, fused.RunnerTransforms.Count, string.Join(", ", environments));
        foreach (var environmentId in environments)
        {
            _connections[environmentId] = await StartWorkerAsync(environmentId, cancellationToken).ConfigureAwait(false);
        }

        var endpoint = new ApiServiceDescriptor { Url = context.Environments.FnApiEndpoint };
        var descriptors = new Dictionary<StageId, string>();
        foreach (var stage in fused.Stages)
        {
            var descriptorId = $"{context.JobId}/{stage.StageId}";
            _connections[stage.EnvironmentId].RegisterDescriptor(stage.BuildDescriptor(descriptorId, endpoint, endpoint));
            descriptors[stage.StageId] = descriptorId;
        }

        // A pipeline with a TestStream runs on a virtual processing-time clock that only its events move.
        var clock = fused.TestStreams.Count > 0 ? new VirtualClock() : null;
        var engine = new JobEngine(graph, new EngineOptions
        {
            MaxBundleSize = options.BundleSize, Mode = mode.Mode, TimeProvider = clock ?? options.TimeProvider, MaxBundleAttempts = attempts,
            Drain = DrainOption.IsSet(context.PipelineOptions),
        });
        var lateData = new LateDataReport(engine, fused, context);
        var bundles = new StageBundleRunner(context, fnApi.Options, options with { SplitMode = splitMode, MaxBundleAttempts = attempts }, engine, fused, descriptors, _connections, lateData, UserState, _logger) { Timers = Timers };
        var streams = new List<TestStreamEvents>();
        try
        {
            foreach (var plan in fused.TestStreams)
            {
                streams.Add(new TestStreamEvents(plan, cancellationToken));
            }

            var driver = clock is null ? null : new TestStreamDriver(engine, fused, clock, streams);
            await DriveAsync(engine, bundles, driver, cancellationToken).ConfigureAwait(false);

            // Every window has expired at the end of input: no user state survives the job.
            foreach (var stage in fused.Stages.Where(static s => s.IsStateful))
            {
                UserState.CollectGarbage(stage, Model.BeamTime.MaxTimestampMillis);
            }
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }

            // Before the job turns terminal, so the warnings are on the message stream and the counter in GetJobMetrics.
            lateData.PublishWarnings();
            if (engine.RetriedBundleCount > 0)
            {
                context.Messages.Post(JobMessage.Types.MessageImportance.JobMessageBasic, $"{engine.RetriedBundleCount} failed bundle attempt(s) were run again");
            }
        }

        ExecutionLog.JobDone(_logger, context.JobId);
    }

    public async ValueTask DisposeAsync()
    {
        // Workers end now because the runner stops them: their exits are no news for the job.
        _stopping = true;
        foreach (var worker in _workers)
        {
            fnApi.ForgetWorker(worker.WorkerId);
            try
            {
                await worker.StopAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                ExecutionLog.StopFailed(_logger, context.JobId, worker.WorkerId, e.Message);
            }
        }
    }

    private async Task DriveAsync(JobEngine engine, StageBundleRunner bundles, TestStreamDriver? testStreams, CancellationToken cancellationToken)
    {
        var running = new List<Task>();
        var refreshed = false;
        string? runnerBug = null;
        try
        {
            while (true)
            {
                running.RemoveAll(static t => t.IsCompleted);
                if (running.Count >= options.MaxBundlesInFlight)
                {
                    await Task.WhenAny(running).ConfigureAwait(false);
                    continue;
                }

                var next = await engine.NextBundleAsync(cancellationToken).ConfigureAwait(false);
                switch (next.Kind)
                {
                    case NextBundleKind.Ready:
                        refreshed = false;
                        running.Add(ObserveAsync(bundles.RunAsync(next.Bundle!, cancellationToken), next.Bundle!));
                        break;
                    case NextBundleKind.Done:
                        // A bundle still finalizing after its commit may yet hit a runner bug: the job is DONE only without one.
                        await Task.WhenAll(running).ConfigureAwait(false);
                        if (Volatile.Read(ref runnerBug) is { } bug)
                        {
                            throw Fail(bug);
                        }

                        return;
                    case NextBundleKind.Failed:
                        throw Fail(next.Message ?? "the job failed");
                    case NextBundleKind.Stuck when testStreams is not null && !refreshed:
                        // Quiescent for the watermarks: let processing-time triggers due now fire before the next event.
                        engine.RefreshProcessingTime();
                        refreshed = true;
                        break;
                    case NextBundleKind.Stuck when testStreams is not null && await testStreams.ApplyNextAsync(cancellationToken).ConfigureAwait(false):
                        // Quiescent: the next TestStream event was applied.
                        refreshed = false;
                        break;
                    case NextBundleKind.Stuck:
                        throw Fail(StuckReason(next));
                    default:
                        throw Fail($"ReferenceRunner bug: unexpected engine answer {next.Kind}");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            engine.Cancel("the job was cancelled");
            throw;
        }
        finally
        {
            // Bundles in flight end on their own (failed workers, cancellation); never leave them unobserved.
            await Task.WhenAll(running).ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }

        // A bundle's own failures (the SDK's error, a broken contract, cancellation) are the engine's to retry or fail
        // inside RunAsync; an exception escaping it is a ReferenceRunner bug, possibly after the bundle committed. It
        // fails the job, naming the bundle, rather than being lost with the task.
        async Task ObserveAsync(Task run, Bundle bundle)
        {
            try
            {
                await run.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Cancelled: the job ends CANCELLED through the engine.
            }
            catch (Exception e)
            {
                var reason = $"ReferenceRunner bug: bundle {bundle.Id} of stage '{bundle.Stage}' threw {e.GetType().Name}: {e.Message}";
                ExecutionLog.BundleEscaped(_logger, context.JobId, bundle.Id.ToString(), e);
                Interlocked.CompareExchange(ref runnerBug, reason, null);
                engine.Cancel(reason);
            }
        }
    }

    private async Task<WorkerConnection> StartWorkerAsync(string environmentId, CancellationToken cancellationToken)
    {
        if (!context.Pipeline.Components.Environments.TryGetValue(environmentId, out var environment))
        {
            throw Fail($"environment '{environmentId}' of an executable stage is not in the pipeline's components");
        }

        var workerId = WorkerIdFor(environmentId);
        var worker = fnApi.Expect(workerId, context.Messages);
        worker.EnvironmentId = environmentId;
        _workers.Add(worker);
        var lease = await context.Environments.StartWorkerAsync(workerId, environmentId, environment, cancellationToken).ConfigureAwait(false);
        worker.Lease = lease;
        try
        {
            var connecting = fnApi.WaitForWorkerAsync(workerId, options.WorkerConnectTimeout, cancellationToken);
            if (lease.Ended is { } ended && await Task.WhenAny(connecting, ended).ConfigureAwait(false) == ended && !connecting.IsCompletedSuccessfully)
            {
                // The worker is gone: no connection can come.
                _ = connecting.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                throw Fail($"worker {workerId} for environment {environmentId} ended before it connected: {await ended.ConfigureAwait(false)}");
            }

            var connection = await connecting.ConfigureAwait(false);
            ExecutionLog.WorkerReady(_logger, context.JobId, workerId, environmentId);
            _ = lease.Ended?.ContinueWith(
                t => { if (!_stopping) { context.Messages.Post(Org.Apache.Beam.Model.JobManagement.V1.JobMessage.Types.MessageImportance.JobMessageError, t.Result); } },
                CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            return connection;
        }
        catch (TimeoutException e)
        {
            throw Fail($"worker {workerId} for environment {environmentId} never connected: no control stream within {options.WorkerConnectTimeout.TotalSeconds:0.###} s", e);
        }
    }

    /// <summary>
    /// The failure reason of a stuck job: the engine's dump, which already starts with "ReferenceRunner bug: the job is
    /// stuck: ..." (said once, not prefixed again).
    /// </summary>
    internal static string StuckReason(NextBundle next) =>
        next.Message ?? "ReferenceRunner bug: the engine reported the job stuck without its state dump";

    private string WorkerIdFor(string environmentId)
    {
        var id = new StringBuilder($"{context.JobId}-{environmentId}-{_workers.Count + 1}");
        for (var i = 0; i < id.Length; i++)
        {
            if (id[i] is < ' ' or > '~')
            {
                id[i] = '_';
            }
        }

        return id.ToString();
    }

    private JobFailedException Fail(string reason, Exception? inner = null)
    {
        // The job side posts the reason as a JOB_MESSAGE_ERROR when the job turns FAILED.
        ExecutionLog.JobFailed(_logger, context.JobId, reason);
        return inner is null ? new JobFailedException(reason) : new JobFailedException(reason, inner);
    }
}
