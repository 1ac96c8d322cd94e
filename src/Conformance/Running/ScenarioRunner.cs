using System.Diagnostics;
using BeamConformance.Conformance.Checking;
using BeamConformance.Conformance.Running.Internal;
using BeamConformance.Conformance.Scenarios;
using BeamConformance.FakeHarness;
using Grpc.Core;
using BeamConformance.Protos.Hosting;
using Grpc.Net.Client;
using Google.Protobuf.WellKnownTypes;
using Org.Apache.Beam.Model.JobManagement.V1;
using Org.Apache.Beam.Model.Pipeline.V1;
using JobState = BeamConformance.Conformance.Scenarios.JobState;

namespace BeamConformance.Conformance.Running;

/// <summary>
/// Runs scenarios against a Beam job endpoint (beam_job_api.proto JobService): builds the pipeline, Prepare
/// (a failed Prepare is compared with <c>expect.failure</c>), artifact staging when the endpoint asks for it, Run,
/// records the state and message streams, runs the <c>job_api</c> steps, waits for a terminal state (the scenario's
/// <c>timeout_ms</c>), then checks the captures and protocol the in-process FakeHarness recorded for the run.
/// </summary>
public sealed class ScenarioRunner : IDisposable
{
    /// <summary>How long after its deadline a scenario is abandoned if a call ignores the deadline.</summary>
    private static readonly TimeSpan HardStopGrace = TimeSpan.FromSeconds(5);

    /// <summary>How long a best-effort Cancel of an abandoned job may take.</summary>
    private static readonly TimeSpan CancelTimeout = TimeSpan.FromSeconds(2);

    private readonly GrpcChannel _channel;
    private readonly JobService.JobServiceClient _jobs;
    private readonly string _harnessEndpoint;
    private readonly CaptureStore _captures;
    private readonly ProtocolRecorder _recorder;

    /// <summary>Creates a runner.</summary>
    /// <param name="jobEndpoint">The job endpoint, <c>host:port</c>.</param>
    /// <param name="harnessEndpoint">The FakeHarness worker pool endpoint (put in the pipeline's EXTERNAL environment).</param>
    /// <param name="captures">The store the worker pool captures into.</param>
    /// <param name="recorder">The recorder the worker pool records into.</param>
    public ScenarioRunner(string jobEndpoint, string harnessEndpoint, CaptureStore captures, ProtocolRecorder recorder)
    {
        _channel = GrpcChannels.ForEndpoint(jobEndpoint, new GrpcChannelOptions { MaxSendMessageSize = 512 << 20, MaxReceiveMessageSize = 512 << 20 });
        _jobs = new JobService.JobServiceClient(_channel.CreateCallInvoker());
        _harnessEndpoint = harnessEndpoint;
        _captures = captures;
        _recorder = recorder;
    }

    /// <summary>Runs one scenario and checks it, within the scenario's own <c>timeout_ms</c>.</summary>
    /// <param name="scenario">The loaded scenario.</param>
    /// <param name="cancellationToken">Stops the run (the job is cancelled); the task then ends with <see cref="OperationCanceledException"/>.</param>
    /// <returns>The verdict, the job's messages and the wall time.</returns>
    public Task<ScenarioRun> RunAsync(Scenario scenario, CancellationToken cancellationToken = default) => RunAsync(scenario, null, cancellationToken);

    /// <summary>
    /// Runs one scenario and checks it within <paramref name="timeout"/> (null: the scenario's <c>timeout_ms</c>). A runner
    /// that refuses a call, stops answering or answers something unreadable fails this scenario with the call and the
    /// reason; it never throws for that.
    /// </summary>
    /// <param name="scenario">The loaded scenario.</param>
    /// <param name="timeout">The scenario's deadline, counted from the start; null for <see cref="Scenario.TimeoutMillis"/>.</param>
    /// <param name="cancellationToken">Stops the run (the job is cancelled); the task then ends with <see cref="OperationCanceledException"/>.</param>
    /// <returns>The verdict, the job's messages and the wall time.</returns>
    public async Task<ScenarioRun> RunAsync(Scenario scenario, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var limit = timeout ?? TimeSpan.FromMilliseconds(scenario.TimeoutMillis);
        var watch = Stopwatch.StartNew();
        var runId = $"{scenario.Id.Value}#{Guid.NewGuid():N}";
        var progress = new RunProgress();
        using var hardStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        hardStop.CancelAfter(limit + HardStopGrace);
        try
        {
            var (check, messages) = await RunCoreAsync(scenario, runId, limit, progress, hardStop.Token).ConfigureAwait(false);
            return new ScenarioRun(check, messages, watch.Elapsed) { Recording = _recorder.Get(runId) };
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OutOfMemoryException)
        {
            await CancelQuietlyAsync(progress.JobId).ConfigureAwait(false);
            return new ScenarioRun(new CheckResult([RunnerFailure.Describe(e, progress.Step, limit)]), [], watch.Elapsed) { Recording = _recorder.Get(runId) };
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            await CancelQuietlyAsync(progress.JobId).ConfigureAwait(false);
            throw new OperationCanceledException(cancellationToken);
        }
        finally
        {
            _captures.Remove(runId);
            _recorder.Remove(runId);
        }
    }

    /// <summary>
    /// Asks the runner for its jobs (GetJobs) within <paramref name="timeout"/>: the pre-flight check that something
    /// answers the Job API at the endpoint.
    /// </summary>
    /// <param name="timeout">How long to wait for the answer.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>Null when the runner answered, else why not (one line).</returns>
    public async Task<string?> CheckReachableAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        try
        {
            await _jobs.GetJobsAsync(new GetJobsRequest(), new CallOptions(deadline: DateTime.UtcNow.Add(timeout), cancellationToken: cancellationToken)).ResponseAsync.ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OutOfMemoryException)
        {
            return RunnerFailure.Describe(e, "GetJobs", timeout);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _channel.Dispose();

    private async Task<(CheckResult, IReadOnlyList<string>)> RunCoreAsync(Scenario scenario, string runId, TimeSpan limit, RunProgress progress, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.Add(limit);
        await using var testStreams = await ServedTestStreams.StartAsync(scenario.Pipeline, ct).ConfigureAwait(false);
        Pipeline pipeline;
        try
        {
            pipeline = PipelineBuilder.Build(scenario, runId, _harnessEndpoint, null, testStreams);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or KeyNotFoundException)
        {
            return (new CheckResult([$"the suite could not build the pipeline: {e.Message}"]), []);
        }

        var options = new CallOptions(deadline: deadline, cancellationToken: ct);
        PrepareJobResponse prepared;
        progress.Step = "Prepare";
        try
        {
            var pipelineOptions = new Struct();
            if (scenario.SplitMode is { } splitMode)
            {
                pipelineOptions.Fields[Model.BeamNames.PipelineOptions.SplitMode] = Value.ForString(splitMode);
            }

            if (scenario.Drain)
            {
                pipelineOptions.Fields[Model.BeamNames.PipelineOptions.Drain] = Value.ForBool(true);
            }

            if (scenario.MaxBundleAttempts is { } attempts)
            {
                pipelineOptions.Fields[Model.BeamNames.PipelineOptions.MaxBundleAttempts] = Value.ForNumber(attempts);
            }

            foreach (var (name, value) in scenario.PipelineOptions)
            {
                pipelineOptions.Fields[name] = value switch
                {
                    bool b => Value.ForBool(b),
                    double d => Value.ForNumber(d),
                    _ => Value.ForString(value.ToString()),
                };
            }

            prepared = await _jobs.PrepareAsync(new PrepareJobRequest { Pipeline = pipeline, PipelineOptions = pipelineOptions, JobName = scenario.Id.Value }, options).ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode is not (StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Cancelled))
        {
            // The runner's answer to the pipeline; an unreachable or silent runner is not an answer (RunAsync reports it).
            var outcome = ObservedOutcome.PrepareFailed(StatusNames.Of(e.StatusCode), e.Status.Detail);
            return (ScenarioChecker.Check(scenario, outcome, [], ProtocolLog.Empty), []);
        }

        var problems = new List<string>();
        if (!string.IsNullOrEmpty(prepared.ArtifactStagingEndpoint?.Url))
        {
            progress.Step = "artifact staging";
            if (await ArtifactStaging.StageNothingAsync(prepared.ArtifactStagingEndpoint.Url, prepared.StagingSessionToken, options).ConfigureAwait(false) is { } stagingProblem)
            {
                problems.Add(stagingProblem);
            }
        }

        progress.Step = "Run";
        var run = await _jobs.RunAsync(new RunJobRequest { PreparationId = prepared.PreparationId, RetrievalToken = prepared.StagingSessionToken }, options).ResponseAsync.ConfigureAwait(false);
        progress.JobId = run.JobId;
        progress.Step = "the job_api steps";
        await using var streams = new JobStreams(_jobs, run.JobId);
        var steps = new JobApiStepRunner(_jobs, run.JobId, pipeline, streams, deadline);
        problems.AddRange(await steps.RunAsync(scenario.JobApi, ct).ConfigureAwait(false));
        progress.Step = "GetState";
        var final = await steps.WaitForAsync(null, ct).ConfigureAwait(false);
        if (!StatusNames.IsTerminal(final))
        {
            problems.Add($"the job did not reach a terminal state within {limit.TotalMilliseconds:F0} ms (last state {final?.ToString() ?? "none"}); it was cancelled");
            await CancelQuietlyAsync(run.JobId).ConfigureAwait(false);

            final = null;
        }

        await streams.WaitEndedAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        problems.AddRange(streams.Errors);
        var messages = streams.MessageTexts;
        var captured = _captures.GetElements(runId)
            .Select(r => new CapturedElement(r.Transform, r.Value, r.TimestampMillis, r.Windows, r.Pane)).ToList();
        var check = ScenarioChecker.Check(scenario, new ObservedOutcome("OK", "", final, messages), captured, Protocol(runId));
        return (check.And(new CheckResult(problems)), messages);
    }

    private async Task CancelQuietlyAsync(string? jobId)
    {
        if (jobId is null)
        {
            return;
        }

        try
        {
            await _jobs.CancelAsync(new CancelJobRequest { JobId = jobId }, new CallOptions(deadline: DateTime.UtcNow.Add(CancelTimeout))).ResponseAsync.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Best effort: the runner may be gone or frozen, which the scenario's failure already says.
        }
    }

    private ProtocolLog Protocol(string runId)
    {
        var recording = _recorder.Get(runId);
        return new ProtocolLog(
            [.. recording.Data.Select(d => (d.PCollection, d.WindowedValue))],
            [.. recording.Descriptors.Select(static d => new RecordedDescriptor(d.Id, d.TransformUrns, d.HasStateApi)
            {
                Transforms = [.. d.Descriptor.Transforms.Values.Select(static t => new RecordedDescriptorTransform(
                    t.Spec?.Urn ?? "",
                    t.UniqueName,
                    t.Annotations.ToDictionary(static a => a.Key, static a => Convert.ToHexStringLower(a.Value.Span), StringComparer.Ordinal)))],
            })],
            [.. recording.StateRequests.Select(static s => new ProtocolStateRequest(s.Kind, s.SideInput)
            {
                Operation = s.Operation,
                TransformId = s.TransformId,
                UserStateId = s.UserStateId,
                KeyHex = Convert.ToHexStringLower(s.Key),
                WindowHex = Convert.ToHexStringLower(s.Window),
                Continued = s.ContinuationToken.Length > 0,
            })],
            [.. recording.Instructions.Select(i => i.Kind)])
        {
            Timers = [.. recording.Timers.Select(static t => (t.ToHarness, t.FamilyId, t.Timer))],
            UserStateCacheTokens = [.. recording.Instructions.SelectMany(static i => i.UserStateCacheTokens)],
            Splits = [.. recording.Instructions.SelectMany(i => i.Splits).Select(s => (s.EstimatedInputElements,
                s.LastPrimaryElement is { } last && s.FirstResidualElement is { } first ? ((long, long)?)(last, first) : null))],
            BundleEvents = [.. recording.BundleEvents.Where(static e => e.Kind != "restriction").Select(static e => (e.Kind, e.BundleInstructionId, e.RequiresFinalization))],
            CheckpointEvents = [.. recording.BundleEvents.SelectMany(static e => e.Kind == "restriction" && e.Restriction is { } r
                ? [("restriction", r.From, r.To, 0L, e.AtMillis)]
                : e.Checkpoints.Select(c => ("checkpoint", c.From, c.To, c.DelayMillis, e.AtMillis)))],
            ElementSplits = [.. recording.Instructions.SelectMany(i => i.Splits).Select(static s => (s.PrimaryRestriction, s.ResidualRestriction))],
            ResidualWatermarks = [.. recording.BundleEvents.SelectMany(static e => e.Checkpoints.Select(static c => ("checkpoint", c.OutputWatermarkMillis))),
                .. recording.Instructions.SelectMany(static i => i.Splits).Select(static s => ("split", s.ResidualOutputWatermarkMillis))],
            ProgressAnswers = [.. recording.Instructions.Where(static i => i.Progress is not null).OrderBy(static i => i.Sequence)
                .Select(static i => (i.TargetInstructionId ?? string.Empty, i.Progress!.ReadIndex, i.Progress.Completed, i.Progress.Remaining))],
            ControlStream = [.. recording.Instructions.Select(static i => (i.Sequence, i.Kind, i.InstructionId, i.TargetInstructionId))
                .Concat(recording.BundleEvents.Where(static e => e.Kind is "response" or "failed").Select(static e => (e.Sequence, e.Kind, e.BundleInstructionId, (string?)null)))
                .OrderBy(static x => x.Sequence).Select(static x => (x.Kind, x.Item3, x.Item4))],
        };
    }
}
