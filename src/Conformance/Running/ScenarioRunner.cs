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

    /// <summary>Runs one scenario and checks it.</summary>
    /// <param name="scenario">The loaded scenario.</param>
    /// <param name="cancellationToken">Stops the run (the job is cancelled).</param>
    /// <returns>The verdict, the job's messages and the wall time.</returns>
    public async Task<ScenarioRun> RunAsync(Scenario scenario, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var watch = Stopwatch.StartNew();
        var runId = $"{scenario.Id.Value}#{Guid.NewGuid():N}";
        try
        {
            var (check, messages) = await RunCoreAsync(scenario, runId, cancellationToken).ConfigureAwait(false);
            return new ScenarioRun(check, messages, watch.Elapsed);
        }
        finally
        {
            _captures.Remove(runId);
            _recorder.Remove(runId);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _channel.Dispose();

    private async Task<(CheckResult, IReadOnlyList<string>)> RunCoreAsync(Scenario scenario, string runId, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(scenario.TimeoutMillis);
        Pipeline pipeline;
        try
        {
            pipeline = PipelineBuilder.Build(scenario, runId, _harnessEndpoint);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or KeyNotFoundException)
        {
            return (new CheckResult([$"the suite could not build the pipeline: {e.Message}"]), []);
        }

        var options = new CallOptions(deadline: deadline, cancellationToken: ct);
        PrepareJobResponse prepared;
        try
        {
            prepared = await _jobs.PrepareAsync(new PrepareJobRequest { Pipeline = pipeline, PipelineOptions = new Struct(), JobName = scenario.Id.Value }, options).ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            var outcome = ObservedOutcome.PrepareFailed(StatusNames.Of(e.StatusCode), e.Status.Detail);
            return (ScenarioChecker.Check(scenario, outcome, [], ProtocolLog.Empty), []);
        }

        var problems = new List<string>();
        if (!string.IsNullOrEmpty(prepared.ArtifactStagingEndpoint?.Url))
        {
            if (await ArtifactStaging.StageNothingAsync(prepared.ArtifactStagingEndpoint.Url, prepared.StagingSessionToken, options).ConfigureAwait(false) is { } stagingProblem)
            {
                problems.Add(stagingProblem);
            }
        }

        var run = await _jobs.RunAsync(new RunJobRequest { PreparationId = prepared.PreparationId, RetrievalToken = prepared.StagingSessionToken }, options).ResponseAsync.ConfigureAwait(false);
        await using var streams = new JobStreams(_jobs, run.JobId);
        var steps = new JobApiStepRunner(_jobs, run.JobId, pipeline, streams, deadline);
        problems.AddRange(await steps.RunAsync(scenario.JobApi, ct).ConfigureAwait(false));
        var final = await steps.WaitForAsync(null, ct).ConfigureAwait(false);
        if (!StatusNames.IsTerminal(final))
        {
            problems.Add($"the job did not reach a terminal state within timeout_ms {scenario.TimeoutMillis} (last state {final?.ToString() ?? "none"}); it was cancelled");
            try
            {
                await _jobs.CancelAsync(new CancelJobRequest { JobId = run.JobId }, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(5))).ResponseAsync.ConfigureAwait(false);
            }
            catch (RpcException)
            {
                // Best effort.
            }

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

    private ProtocolLog Protocol(string runId)
    {
        var recording = _recorder.Get(runId);
        return new ProtocolLog(
            [.. recording.Data.Select(d => (d.PCollection, d.WindowedValue))],
            [.. recording.Descriptors.Select(d => new RecordedDescriptor(d.Id, d.TransformUrns, d.HasStateApi))],
            [.. recording.StateRequests.Select(s => (s.Kind, s.SideInput))],
            [.. recording.Instructions.Select(i => i.Kind)]);
    }
}
