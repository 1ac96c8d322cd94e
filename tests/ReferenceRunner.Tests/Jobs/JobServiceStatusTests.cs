using BeamConformance.ReferenceRunner.Hosting;
using BeamConformance.ReferenceRunner.Tests.Hosting;
using Grpc.Core;
using Org.Apache.Beam.Model.JobManagement.V1;
using Org.Apache.Beam.Model.Pipeline.V1;
using Environment = Org.Apache.Beam.Model.Pipeline.V1.Environment;

namespace BeamConformance.ReferenceRunner.Tests.Jobs;

/// <summary>JobService's status codes: NOT_FOUND, INVALID_ARGUMENT, FAILED_PRECONDITION.</summary>
public sealed class JobServiceStatusTests
{
    public static TheoryData<string> Methods => new()
    {
        // Every JobService method taking a job or preparation id.
        "Run", "GetState", "GetPipeline", "Cancel", "GetJobMetrics", "GetStateStream", "GetMessageStream",
    };

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Unknown_job_id_is_NOT_FOUND(string method)
    {
        await using var runner = await RunnerHarness.StartAsync();
        const string id = "no-such-job";
        Func<Task> call = method switch
        {
            "Run" => () => runner.CallAsync((c, o) => c.RunAsync(new RunJobRequest { PreparationId = id }, o)),
            "GetState" => () => runner.CallAsync((c, o) => c.GetStateAsync(new GetJobStateRequest { JobId = id }, o)),
            "GetPipeline" => () => runner.CallAsync((c, o) => c.GetPipelineAsync(new GetJobPipelineRequest { JobId = id }, o)),
            "Cancel" => () => runner.CallAsync((c, o) => c.CancelAsync(new CancelJobRequest { JobId = id }, o)),
            "GetJobMetrics" => () => runner.CallAsync((c, o) => c.GetJobMetricsAsync(new GetJobMetricsRequest { JobId = id }, o)),
            "GetStateStream" => () => RunnerHarness.ReadAllAsync(o => new JobService.JobServiceClient(runner.Jobs).GetStateStream(new GetJobStateRequest { JobId = id }, o)),
            "GetMessageStream" => () => RunnerHarness.ReadAllAsync(o => new JobService.JobServiceClient(runner.Jobs).GetMessageStream(new JobMessagesRequest { JobId = id }, o)),
            _ => throw new ArgumentOutOfRangeException(nameof(method)),
        };

        var error = await Assert.ThrowsAsync<RpcException>(call);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("'no-such-job'", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prepare_without_a_pipeline_is_INVALID_ARGUMENT()
    {
        await using var runner = await RunnerHarness.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => runner.CallAsync((c, o) => c.PrepareAsync(new PrepareJobRequest { JobName = "empty" }, o)));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("PrepareJobRequest.pipeline is missing.", error.Status.Detail);
    }

    [Fact]
    public async Task Prepare_with_a_drain_option_that_is_not_a_bool_is_INVALID_ARGUMENT()
    {
        await using var runner = await RunnerHarness.StartAsync();
        var options = new Google.Protobuf.WellKnownTypes.Struct();
        options.Fields["beam:option:drain:v1"] = Google.Protobuf.WellKnownTypes.Value.ForString("yes");
        var request = new PrepareJobRequest { JobName = "drain", Pipeline = Pipelines.ImpulseParDo(Pipelines.External()), PipelineOptions = options };

        var error = await Assert.ThrowsAsync<RpcException>(() => runner.CallAsync((c, o) => c.PrepareAsync(request, o)));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("pipeline_options: drain 'beam:option:drain:v1': the pipeline option must be a bool, got a StringValue", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prepare_with_a_max_bundle_attempts_option_out_of_range_is_INVALID_ARGUMENT()
    {
        await using var runner = await RunnerHarness.StartAsync();
        var options = new Google.Protobuf.WellKnownTypes.Struct();
        options.Fields["beam:option:max_bundle_attempts:v1"] = Google.Protobuf.WellKnownTypes.Value.ForNumber(0);
        var request = new PrepareJobRequest { JobName = "attempts", Pipeline = Pipelines.ImpulseParDo(Pipelines.External()), PipelineOptions = options };

        var error = await Assert.ThrowsAsync<RpcException>(() => runner.CallAsync((c, o) => c.PrepareAsync(request, o)));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("pipeline_options: max_bundle_attempts 'beam:option:max_bundle_attempts:v1': the pipeline option must be an integer from 1 to 100, got 0", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prepare_with_a_payload_that_does_not_parse_is_INVALID_ARGUMENT()
    {
        await using var runner = await RunnerHarness.StartAsync();
        var pipeline = Pipelines.ImpulseParDo(Pipelines.External());
        pipeline.Components.Transforms["pardo"].Spec.Payload = Google.Protobuf.ByteString.CopyFrom(0xff, 0xff, 0xff);

        var error = await Assert.ThrowsAsync<RpcException>(() => runner.PrepareAsync(pipeline));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    public static TheoryData<string, bool, string> RefusedEnvironments => new()
    {
        // DOCKER comes in a later issue: refused whatever the flags.
        { "docker", true, "beam:env:docker:v1" },
        // PROCESS runs a command named by the pipeline: refused without the opt-in flag...
        { "process", false, "--allow-process-environment" },
        // ...and an AnyOf whose only choice is such a PROCESS environment too.
        { "anyof-process", false, "none of its choices is supported" },
    };

    [Theory]
    [MemberData(nameof(RefusedEnvironments))]
    public async Task Prepare_refuses_unsupported_environments_with_INVALID_ARGUMENT(string kind, bool allowProcess, string expected)
    {
        await using var runner = await RunnerHarness.StartAsync(new ReferenceRunnerOptions { AllowProcessEnvironment = allowProcess });
        var environment = kind switch
        {
            "docker" => Pipelines.Docker(),
            "process" => Pipelines.Process("/bin/true"),
            "anyof-process" => AnyOf(Pipelines.Process("/bin/true")),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var error = await Assert.ThrowsAsync<RpcException>(() => runner.PrepareAsync(Pipelines.ImpulseParDo(environment)));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("pipeline not supported by the ReferenceRunner (1 problem):", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(expected, error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prepare_refuses_what_only_fusion_finds_with_INVALID_ARGUMENT()
    {
        // An Impulse flattened with itself: the second read needs a re-encoding stage, and no transform names an SDK
        // environment to run it in. Validation finds nothing; Prepare's fusion does (it used to fail the job at Run).
        await using var runner = await RunnerHarness.StartAsync();
        var pipeline = Pipelines.ImpulseParDo(Pipelines.External());
        pipeline.Components.Transforms.Remove("pardo");
        pipeline.Components.Transforms["flatten"] = new PTransform
        {
            UniqueName = "flatten",
            Spec = new FunctionSpec { Urn = "beam:transform:flatten:v1" },
            Inputs = { ["a"] = "impulse.out", ["b"] = "impulse.out" },
            Outputs = { ["out"] = "pardo.out" },
        };
        pipeline.RootTransformIds[1] = "flatten";

        var error = await Assert.ThrowsAsync<RpcException>(() => runner.PrepareAsync(pipeline));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(
            "pipeline not supported by the ReferenceRunner (1 problem):\n- flatten: flatten 'flatten': inputs use different coders and the pipeline has no SDK environment to re-encode them in",
            error.Status.Detail);
    }

    public static TheoryData<string, bool> AcceptedEnvironments => new()
    {
        // EXTERNAL (LOOPBACK) needs no flag.
        { "external", false },
        // PROCESS with the opt-in flag.
        { "process", true },
        // AnyOf picking its supported second choice.
        { "anyof", false },
    };

    [Theory]
    [MemberData(nameof(AcceptedEnvironments))]
    public async Task Prepare_accepts_supported_environments(string kind, bool allowProcess)
    {
        await using var runner = await RunnerHarness.StartAsync(new ReferenceRunnerOptions { AllowProcessEnvironment = allowProcess });
        var environment = kind switch
        {
            "external" => Pipelines.External(),
            "process" => Pipelines.Process("/bin/true"),
            "anyof" => AnyOf(Pipelines.Docker(), Pipelines.External()),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var prepared = await runner.PrepareAsync(Pipelines.ImpulseParDo(environment));

        Assert.NotEmpty(prepared.PreparationId);
    }

    [Fact]
    public async Task Run_of_an_unstaged_job_is_FAILED_PRECONDITION()
    {
        await using var runner = await RunnerHarness.StartAsync();
        var prepared = await runner.PrepareAsync(Pipelines.ImpulseParDo(Pipelines.External()));

        var error = await Assert.ThrowsAsync<RpcException>(() => runner.CallAsync((c, o) => c.RunAsync(new RunJobRequest { PreparationId = prepared.PreparationId }, o)));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("is not staged", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(JobState.Types.Enum.Stopped, (await runner.CallAsync((c, o) => c.GetStateAsync(new GetJobStateRequest { JobId = prepared.PreparationId }, o))).State);
    }

    [Fact]
    public async Task Run_twice_is_FAILED_PRECONDITION()
    {
        await using var runner = await RunnerHarness.StartAsync();
        var id = await runner.PrepareAndStageAsync(Pipelines.ImpulseParDo(Pipelines.External()));
        await runner.CallAsync((c, o) => c.RunAsync(new RunJobRequest { PreparationId = id }, o));

        var error = await Assert.ThrowsAsync<RpcException>(() => runner.CallAsync((c, o) => c.RunAsync(new RunJobRequest { PreparationId = id }, o)));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("already run", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staging_twice_is_FAILED_PRECONDITION()
    {
        await using var runner = await RunnerHarness.StartAsync();
        var prepared = await runner.PrepareAsync(Pipelines.ImpulseParDo(Pipelines.External()));
        await new StagingClient(prepared.ArtifactStagingEndpoint.Url).StageAsync(prepared.StagingSessionToken);

        var error = await Assert.ThrowsAsync<RpcException>(() => new StagingClient(prepared.ArtifactStagingEndpoint.Url).StageAsync(prepared.StagingSessionToken));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
    }

    [Fact]
    public async Task Staging_with_an_unknown_token_is_NOT_FOUND()
    {
        await using var runner = await RunnerHarness.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => new StagingClient(runner.Server.JobEndpoint).StageAsync("no-such-token"));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    private static Environment AnyOf(params Environment[] choices)
    {
        var payload = new AnyOfEnvironmentPayload();
        payload.Environments.Add(choices);
        return new Environment { Urn = "beam:env:anyof:v1", Payload = Google.Protobuf.ByteString.CopyFrom(Google.Protobuf.MessageExtensions.ToByteArray(payload)) };
    }
}
