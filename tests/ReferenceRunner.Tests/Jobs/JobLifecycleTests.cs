using Google.Protobuf;
using Struct = Google.Protobuf.WellKnownTypes.Struct;
using Value = Google.Protobuf.WellKnownTypes.Value;
using BeamConformance.ReferenceRunner.Execution;
using BeamConformance.ReferenceRunner.Tests.Hosting;
using Org.Apache.Beam.Model.JobManagement.V1;
using Org.Apache.Beam.Model.Pipeline.V1;
using Enum = Org.Apache.Beam.Model.JobManagement.V1.JobState.Types.Enum;

namespace BeamConformance.ReferenceRunner.Tests.Jobs;

/// <summary>Job states, streams, messages and metrics through Prepare → stage → Run → end.</summary>
public sealed class JobLifecycleTests
{
    [Fact]
    public async Task Prepare_returns_the_staging_endpoint_and_token_and_the_job_is_STOPPED()
    {
        await using var runner = await RunnerHarness.StartAsync();

        var prepared = await runner.PrepareAsync(Pipelines.ImpulseParDo(Pipelines.External()), "My job!");

        Assert.StartsWith("Myjob-", prepared.PreparationId, StringComparison.Ordinal);
        Assert.Equal(prepared.PreparationId, prepared.StagingSessionToken);
        Assert.Equal(runner.Server.JobEndpoint, prepared.ArtifactStagingEndpoint.Url);
        Assert.Equal(Enum.Stopped, (await runner.CallAsync((c, o) => c.GetStateAsync(new GetJobStateRequest { JobId = prepared.PreparationId }, o))).State);
    }

    public static TheoryData<string, Enum[], string?> Endings => new()
    {
        // The executor returns: DONE.
        { "complete", [Enum.Stopped, Enum.Starting, Enum.Running, Enum.Done], null },
        // The executor reports a failure: FAILED with the reason as an error message.
        { "job-failed", [Enum.Stopped, Enum.Starting, Enum.Running, Enum.Failed], "bundle 7 failed: ZeroDivisionError: division by zero" },
        // The executor throws something unexpected: FAILED, named as a runner bug.
        { "bug", [Enum.Stopped, Enum.Starting, Enum.Running, Enum.Failed], "ReferenceRunner bug: the executor threw InvalidOperationException: broken invariant" },
    };

    [Theory]
    [MemberData(nameof(Endings))]
    public async Task Run_reports_every_state_and_the_failure_reason(string ending, Enum[] expectedStates, string? expectedError)
    {
        await using var runner = await RunnerHarness.StartAsync();
        runner.Executor.Behavior = (_, _) => ending switch
        {
            "complete" => Task.CompletedTask,
            "job-failed" => Task.FromException(new JobFailedException("bundle 7 failed: ZeroDivisionError: division by zero")),
            _ => Task.FromException(new InvalidOperationException("broken invariant")),
        };
        var id = await runner.PrepareAndStageAsync(Pipelines.ImpulseParDo(Pipelines.External()));

        var run = await runner.CallAsync((c, o) => c.RunAsync(new RunJobRequest { PreparationId = id }, o));
        var states = await runner.StatesUntilEndAsync(run.JobId);
        var messages = await RunnerHarness.ReadAllAsync(o => new JobService.JobServiceClient(runner.Jobs).GetMessageStream(new JobMessagesRequest { JobId = run.JobId }, o));

        Assert.Equal(id, run.JobId);
        Assert.Equal(expectedStates, states);
        Assert.Equal(expectedStates[^1], (await runner.CallAsync((c, o) => c.GetStateAsync(new GetJobStateRequest { JobId = id }, o))).State);
        var errors = messages.Where(m => m.ResponseCase == JobMessagesResponse.ResponseOneofCase.MessageResponse).Select(m => m.MessageResponse).ToList();
        if (expectedError is null)
        {
            Assert.Empty(errors);
        }
        else
        {
            var error = Assert.Single(errors);
            Assert.Equal(JobMessage.Types.MessageImportance.JobMessageError, error.Importance);
            Assert.Equal(expectedError, error.MessageText);

            // The error comes before the terminal state, which ends the stream.
            Assert.Equal(JobMessagesResponse.ResponseOneofCase.MessageResponse, messages[^2].ResponseCase);
            Assert.Equal(Enum.Failed, messages[^1].StateResponse.State);
        }
    }

    [Fact]
    public async Task A_failure_reason_the_executor_already_posted_is_not_repeated()
    {
        await using var runner = await RunnerHarness.StartAsync();
        runner.Executor.Behavior = (context, _) =>
        {
            context.Messages.Post(JobMessage.Types.MessageImportance.JobMessageError, "SDK error: boom");
            throw new JobFailedException("SDK error: boom");
        };
        var id = await runner.PrepareAndStageAsync(Pipelines.ImpulseParDo(Pipelines.External()));
        await runner.CallAsync((c, o) => c.RunAsync(new RunJobRequest { PreparationId = id }, o));

        var stream = await RunnerHarness.ReadAllAsync(o => new JobService.JobServiceClient(runner.Jobs).GetMessageStream(new JobMessagesRequest { JobId = id }, o));

        Assert.Equal(["SDK error: boom"], stream.Where(m => m.MessageResponse is not null).Select(m => m.MessageResponse.MessageText));
        Assert.Equal(Enum.Failed, stream[^1].StateResponse.State);
    }

    [Fact]
    public async Task The_executor_gets_the_job_id_options_and_staged_pipeline()
    {
        await using var runner = await RunnerHarness.StartAsync();
        var options = new Struct { Fields = { ["beam:option:job_name:v1"] = Value.ForString("ctx") } };
        var prepared = await runner.PrepareAsync(Pipelines.ImpulseParDo(Pipelines.External()), "ctx", options);
        await new StagingClient(prepared.ArtifactStagingEndpoint.Url).StageAsync(prepared.StagingSessionToken);

        await runner.CallAsync((c, o) => c.RunAsync(new RunJobRequest { PreparationId = prepared.PreparationId }, o));
        var context = await runner.Executor.NextStartAsync();

        Assert.Equal(prepared.PreparationId, context.JobId);
        Assert.Equal(options, context.PipelineOptions);
        Assert.Equal(["impulse", "pardo"], context.Pipeline.RootTransformIds);
        Assert.Equal(runner.Server.FnApiEndpoint, context.Environments.FnApiEndpoint);
    }

    [Fact]
    public async Task The_executor_gets_the_translation_Prepare_made_with_the_staged_environments()
    {
        await using var runner = await RunnerHarness.StartAsync();
        var dependency = Path.Combine(Path.GetTempPath(), $"prep-{Guid.NewGuid():N}.jar");
        await File.WriteAllBytesAsync(dependency, [1, 2, 3], TestContext.Current.CancellationToken);
        try
        {
            var pipeline = Pipelines.ImpulseParDo(Pipelines.External());
            pipeline.Components.Environments["env"].Dependencies.Add(Pipelines.FileArtifact(dependency, "dep.jar"));
            var id = await runner.PrepareAndStageAsync(pipeline);

            await runner.CallAsync((c, o) => c.RunAsync(new RunJobRequest { PreparationId = id }, o));
            var context = await runner.Executor.NextStartAsync();

            // The stages Prepare fused (Impulse by the runner, the ParDo in one stage), not a translation of Run's own...
            Assert.Equal(["impulse"], context.Translation.RunnerTransforms.Select(static t => t.TransformId));
            Assert.Equal(["pardo"], Assert.Single(context.Translation.Stages).TransformIds);
            // ...over the staged pipeline: its descriptors name the staged file, not the client's path.
            Assert.Same(context.Pipeline, context.Translation.Pipeline);
            var staged = Assert.Single(context.Pipeline.Components.Environments["env"].Dependencies);
            Assert.NotEqual(pipeline.Components.Environments["env"].Dependencies[0], staged);
            var descriptor = context.Translation.Stages[0].BuildDescriptor("d", new ApiServiceDescriptor { Url = "x" }, new ApiServiceDescriptor { Url = "x" });
            Assert.Equal(staged, Assert.Single(descriptor.Environments["env"].Dependencies));
        }
        finally
        {
            File.Delete(dependency);
        }
    }

    [Fact]
    public async Task Cancel_of_a_running_job_goes_through_CANCELLING_to_CANCELLED()
    {
        await using var runner = await RunnerHarness.StartAsync();
        var sawCancellation = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        runner.Executor.Behavior = async (_, ct) =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            finally
            {
                sawCancellation.TrySetResult();
            }
        };
        var (cancel, states) = await RunThenCancelAsync(runner);

        Assert.Equal(Enum.Cancelling, cancel.State);
        Assert.True(sawCancellation.Task.IsCompleted);
        Assert.Equal([Enum.Stopped, Enum.Starting, Enum.Running, Enum.Cancelling, Enum.Cancelled], states);
    }

    [Fact]
    public async Task Cancel_answers_CANCELLING_when_a_callback_of_the_job_cancellation_throws()
    {
        await using var runner = await RunnerHarness.StartAsync();
        runner.Executor.Behavior = async (_, ct) =>
        {
            // As grpc-dotnet's registration does for a stream whose request has already finished.
            using var registration = ct.Register(static () => throw new ObjectDisposedException("HttpContext", "Request has finished and HttpContext disposed."));
            await Task.Delay(Timeout.Infinite, ct);
        };
        var (cancel, states) = await RunThenCancelAsync(runner);

        Assert.Equal(Enum.Cancelling, cancel.State);
        Assert.Equal([Enum.Stopped, Enum.Starting, Enum.Running, Enum.Cancelling, Enum.Cancelled], states);
    }

    // Runs an Impulse-ParDo job until the executor starts it, cancels it, and returns Cancel's answer and the job's states.
    private static async Task<(CancelJobResponse Cancel, List<Enum> States)> RunThenCancelAsync(RunnerHarness runner)
    {
        var id = await runner.PrepareAndStageAsync(Pipelines.ImpulseParDo(Pipelines.External()));
        await runner.CallAsync((c, o) => c.RunAsync(new RunJobRequest { PreparationId = id }, o));
        await runner.Executor.NextStartAsync();
        var cancel = await runner.CallAsync((c, o) => c.CancelAsync(new CancelJobRequest { JobId = id }, o));
        return (cancel, await runner.StatesUntilEndAsync(id));
    }

    [Fact]
    public async Task Cancel_of_a_prepared_job_is_CANCELLED_and_it_can_no_longer_run()
    {
        await using var runner = await RunnerHarness.StartAsync();
        var id = await runner.PrepareAndStageAsync(Pipelines.ImpulseParDo(Pipelines.External()));

        var cancel = await runner.CallAsync((c, o) => c.CancelAsync(new CancelJobRequest { JobId = id }, o));
        var again = await runner.CallAsync((c, o) => c.CancelAsync(new CancelJobRequest { JobId = id }, o));
        var run = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => runner.CallAsync((c, o) => c.RunAsync(new RunJobRequest { PreparationId = id }, o)));

        Assert.Equal(Enum.Cancelled, cancel.State);
        Assert.Equal(Enum.Cancelled, again.State);
        Assert.Equal(Grpc.Core.StatusCode.FailedPrecondition, run.StatusCode);
        Assert.Equal([Enum.Stopped, Enum.Cancelled], await runner.StatesUntilEndAsync(id));
    }

    [Fact]
    public async Task GetJobs_lists_every_job_with_its_name_options_and_state()
    {
        await using var runner = await RunnerHarness.StartAsync();
        var done = await runner.PrepareAndStageAsync(Pipelines.ImpulseParDo(Pipelines.External()), "first");
        await runner.CallAsync((c, o) => c.RunAsync(new RunJobRequest { PreparationId = done }, o));
        await runner.StatesUntilEndAsync(done);
        var waiting = (await runner.PrepareAsync(Pipelines.ImpulseParDo(Pipelines.External()), "second")).PreparationId;

        var jobs = (await runner.CallAsync((c, o) => c.GetJobsAsync(new GetJobsRequest(), o))).JobInfo;

        Assert.Equal([(done, "first", Enum.Done), (waiting, "second", Enum.Stopped)], jobs.Select(j => (j.JobId, j.JobName, j.State)));
    }

    [Fact]
    public async Task Messages_posted_by_the_executor_reach_the_message_stream_in_order()
    {
        await using var runner = await RunnerHarness.StartAsync();
        runner.Executor.Behavior = (context, _) =>
        {
            context.Messages.Post(JobMessage.Types.MessageImportance.JobMessageBasic, "worker started");
            context.Messages.Post(JobMessage.Types.MessageImportance.JobMessageWarning, "slow bundle");
            return Task.CompletedTask;
        };
        var id = await runner.PrepareAndStageAsync(Pipelines.ImpulseParDo(Pipelines.External()));
        await runner.CallAsync((c, o) => c.RunAsync(new RunJobRequest { PreparationId = id }, o));

        var stream = await RunnerHarness.ReadAllAsync(o => new JobService.JobServiceClient(runner.Jobs).GetMessageStream(new JobMessagesRequest { JobId = id }, o));

        Assert.Equal(
            ["state STOPPED", "state STARTING", "state RUNNING", "1 JobMessageBasic worker started", "2 JobMessageWarning slow bundle", "state DONE"],
            stream.Select(m => m.ResponseCase == JobMessagesResponse.ResponseOneofCase.StateResponse
                ? "state " + m.StateResponse.State.ToString().ToUpperInvariant()
                : $"{m.MessageResponse.MessageId} {m.MessageResponse.Importance} {m.MessageResponse.MessageText}"));
    }

    [Fact]
    public async Task GetJobMetrics_returns_what_the_executor_committed_and_attempted()
    {
        await using var runner = await RunnerHarness.StartAsync();
        var counter = new MonitoringInfo
        {
            Urn = "beam:metric:user:sum_int64:v1",
            Type = "beam:metrics:sum_int64:v1",
            Payload = ByteString.CopyFrom(0x2a), // varint 42
            Labels = { ["PTRANSFORM"] = "pardo", ["NAMESPACE"] = "test", ["NAME"] = "count" },
        };
        runner.Executor.Behavior = (context, _) =>
        {
            context.Metrics.Commit("bundle-1", [counter]);
            return Task.CompletedTask;
        };
        var id = await runner.PrepareAndStageAsync(Pipelines.ImpulseParDo(Pipelines.External()));
        await runner.CallAsync((c, o) => c.RunAsync(new RunJobRequest { PreparationId = id }, o));
        await runner.StatesUntilEndAsync(id);

        var metrics = (await runner.CallAsync((c, o) => c.GetJobMetricsAsync(new GetJobMetricsRequest { JobId = id }, o))).Metrics;

        Assert.Equal(counter, WithoutStartTime(Assert.Single(metrics.Committed)));
        Assert.Equal(counter, WithoutStartTime(Assert.Single(metrics.Attempted)));
    }

    [Fact]
    public async Task Prepare_accepts_a_pipeline_of_tens_of_megabytes_and_GetPipeline_returns_it()
    {
        await using var runner = await RunnerHarness.StartAsync();
        var pipeline = Pipelines.ImpulseParDo(Pipelines.External());
        var payload = new byte[24 * 1024 * 1024];
        new Random(4).NextBytes(payload);
        pipeline.Components.Transforms["pardo"].Spec.Payload = new ParDoPayload { DoFn = new FunctionSpec { Urn = "beam:dofn:test:v1", Payload = ByteString.CopyFrom(payload) } }.ToByteString();

        var id = await runner.PrepareAndStageAsync(pipeline);
        var returned = (await runner.CallAsync((c, o) => c.GetPipelineAsync(new GetJobPipelineRequest { JobId = id }, o))).Pipeline;

        Assert.Equal(pipeline, returned);
    }

    private static MonitoringInfo WithoutStartTime(MonitoringInfo info)
    {
        var copy = info.Clone();
        copy.StartTime = null;
        return copy;
    }
}
