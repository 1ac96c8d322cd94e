using BeamConformance.ReferenceRunner.Execution;
using BeamConformance.ReferenceRunner.Translation;
using BeamConformance.ReferenceRunner.Tests.FnApi;
using BeamConformance.ReferenceRunner.Tests.Hosting;
using BeamConformance.ReferenceRunner.Tests.Translation;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using Org.Apache.Beam.Model.JobManagement.V1;

namespace BeamConformance.ReferenceRunner.Tests.Execution;

/// <summary>Job, stage and bundle log scopes: what a scope-aware log provider sees around each entry.</summary>
public sealed class LogScopeTests
{
    [Fact]
    public async Task Bundle_logs_carry_their_stage_and_bundle_scopes_and_the_job_s_end_carries_none()
    {
        var p = new TestPipeline();
        p.ParDo("a", p.Impulse("impulse"));
        var logs = new RecordingLoggerFactory();
        await using var server = await FnApiTestServer.StartAsync();
        var launcher = new HarnessLauncher(server.Endpoint, static _ => Task.FromResult(new HarnessResult()));
        var pipeline = p.Build();
        var context = new JobRunContext
        {
            JobId = "job1",
            Pipeline = pipeline,
            Translation = PipelineFuser.Fuse(pipeline, new TranslationOptions { AllowProcessEnvironment = true }),
            PipelineOptions = new Struct(),
            Environments = launcher,
            Messages = new JobEventSink(),
            Metrics = new JobMetrics(),
            LoggerFactory = logs,
        };

        await new JobExecutor(server.Services, new ExecutionOptions { ProgressInterval = null }).ExecuteAsync(context, TestContext.Current.CancellationToken);

        // 1203: a bundle committed; 1207: the job is done.
        var committed = Assert.Single(logs.Entries, static e => Ours(e.Category) && e.EventId == 1203);
        Assert.Equal(2, committed.Scopes.Count);
        Assert.Matches("^stage [^ ]+$", committed.Scopes[0]);
        Assert.Matches("^bundle job1/[^ ]+$", committed.Scopes[1]);
        Assert.Contains(committed.Scopes[0]["stage ".Length..], committed.Text, StringComparison.Ordinal);
        Assert.Empty(Assert.Single(logs.Entries, static e => Ours(e.Category) && e.EventId == 1207).Scopes);
    }

    [Fact]
    public async Task Everything_logged_while_a_job_runs_carries_the_job_scope()
    {
        var logs = new RecordingLoggerFactory();
        await using var runner = await RunnerHarness.StartAsync(loggerFactory: logs);
        runner.Executor.Behavior = (context, _) =>
        {
            context.LoggerFactory.CreateLogger("executor").LogInformation("inside the executor");
            return Task.CompletedTask;
        };
        var id = await runner.PrepareAndStageAsync(Pipelines.ImpulseParDo(Pipelines.External()), "scoped");

        await runner.CallAsync((c, o) => c.RunAsync(new RunJobRequest { PreparationId = id }, o));
        await runner.StatesUntilEndAsync(id);

        // 1002: the job is running (logged by the JobServer), then the executor's own entry.
        Assert.Equal([$"job {id}"], Assert.Single(logs.Entries, static e => Ours(e.Category) && e.EventId == 1002).Scopes);
        Assert.Equal([$"job {id}"], Assert.Single(logs.Entries, static e => e.Text == "inside the executor").Scopes);
        Assert.DoesNotContain(Assert.Single(logs.Entries, static e => Ours(e.Category) && e.EventId == 1001).Scopes, static s => s.StartsWith("job ", StringComparison.Ordinal)); // Prepare: before the job runs
    }

    // EventIds are unique only within our own categories (ASP.NET Core and grpc-dotnet number theirs from 1 too).
    private static bool Ours(string category) => category.StartsWith("BeamConformance.", StringComparison.Ordinal);

    private sealed class JobEventSink : IJobMessageSink
    {
        public void Post(JobMessage.Types.MessageImportance importance, string text)
        {
        }
    }
}
