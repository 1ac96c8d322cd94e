using Google.Protobuf.WellKnownTypes;
using BeamConformance.ReferenceRunner.Hosting;
using BeamConformance.ReferenceRunner.Tests.Hosting;
using Grpc.Core;
using Org.Apache.Beam.Model.FnExecution.V1;
using Org.Apache.Beam.Model.JobManagement.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Tests.Environments;

/// <summary>ProvisionService answers each worker, identified by its worker_id metadata, about its own job.</summary>
public sealed class ProvisionTests
{
    [Fact]
    public async Task A_started_worker_gets_its_job_s_options_token_endpoints_dependencies_and_capabilities()
    {
        await using var pool = await FakeWorkerPool.StartAsync();
        await using var runner = await RunnerHarness.StartAsync(new ReferenceRunnerOptions { RunnerCapabilities = ["beam:protocol:monitoring_info_short_ids:v1"] });
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var workerStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        runner.Executor.Behavior = async (context, ct) =>
        {
            var environment = context.Pipeline.Components.Environments["env"];
            var lease = await context.Environments.StartWorkerAsync("job-worker-1", "env", environment, ct);
            workerStarted.SetResult();
            await release.Task.WaitAsync(ct);
            await lease.DisposeAsync();
        };
        var source = Path.GetTempFileName();
        await File.WriteAllTextAsync(source, "dependency", TestContext.Current.CancellationToken);
        var pipeline = Pipelines.ImpulseParDo(Pipelines.External(pool.Endpoint));
        pipeline.Components.Environments["env"].Dependencies.Add(Pipelines.FileArtifact(source, "dep.txt"));
        var options = new Struct { Fields = { ["beam:option:runner:v1"] = Value.ForString("ReferenceRunner") } };
        var prepared = await runner.PrepareAsync(pipeline, "provisioned", options);
        await new StagingClient(prepared.ArtifactStagingEndpoint.Url).StageAsync(prepared.StagingSessionToken);
        File.Delete(source);
        await runner.CallAsync((c, o) => c.RunAsync(new RunJobRequest { PreparationId = prepared.PreparationId }, o));
        await workerStarted.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        var info = (await GetProvisionInfoAsync(runner, "job-worker-1")).Info;
        var staged = (await runner.CallAsync((c, o) => c.GetPipelineAsync(new GetJobPipelineRequest { JobId = prepared.PreparationId }, o))).Pipeline;
        release.SetResult();
        await runner.StatesUntilEndAsync(prepared.PreparationId);
        var afterStop = await Assert.ThrowsAsync<RpcException>(() => GetProvisionInfoAsync(runner, "job-worker-1"));

        Assert.Equal(options, info.PipelineOptions);
        Assert.Equal(prepared.PreparationId, info.RetrievalToken);
        var fn = runner.Server.FnApiEndpoint;
        Assert.Equal([fn, fn, fn], new[] { info.ControlEndpoint, info.LoggingEndpoint, info.ArtifactEndpoint }.Select(e => e.Url));
        Assert.Equal(staged.Components.Environments["env"].Dependencies, info.Dependencies);
        Assert.Equal("beam:artifact:type:file:v1", Assert.Single(info.Dependencies).TypeUrn);
        Assert.Equal(["beam:protocol:monitoring_info_short_ids:v1"], info.RunnerCapabilities);
        Assert.Equal(StatusCode.NotFound, afterStop.StatusCode);
        Assert.Equal(["job-worker-1"], pool.Stopped);
    }

    public static TheoryData<string?, StatusCode> UnknownCallers => new()
    {
        // No worker_id metadata at all.
        { null, StatusCode.InvalidArgument },
        // A worker id the runner never started.
        { "stranger", StatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(UnknownCallers))]
    public async Task Provision_refuses_callers_that_are_not_started_workers(string? workerId, StatusCode expected)
    {
        await using var runner = await RunnerHarness.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => GetProvisionInfoAsync(runner, workerId));

        Assert.Equal(expected, error.StatusCode);
    }

    private static Task<GetProvisionInfoResponse> GetProvisionInfoAsync(RunnerHarness runner, string? workerId)
    {
        var headers = new Metadata();
        if (workerId is not null)
        {
            headers.Add("worker_id", workerId);
        }

        return new ProvisionService.ProvisionServiceClient(runner.Fn).GetProvisionInfoAsync(new GetProvisionInfoRequest(), RunnerHarness.Options(headers)).ResponseAsync;
    }
}
