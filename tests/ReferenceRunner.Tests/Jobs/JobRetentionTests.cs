using BeamConformance.ReferenceRunner.Hosting;
using BeamConformance.ReferenceRunner.Hosting.Internal;
using BeamConformance.ReferenceRunner.Tests.Hosting;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;
using Org.Apache.Beam.Model.JobManagement.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Tests.Jobs;

/// <summary>Idle jobs and their staged files are dropped by age and by count (<c>--job-retention</c>); running ones never.</summary>
public sealed class JobRetentionTests
{
    public static TheoryData<string, string> Values => new()
    {
        // A duration alone keeps the default count.
        { "30m", "00:30:00,1000" },
        // A count alone keeps the default age.
        { "500", "01:00:00,500" },
        // Both, in either order, with fractional and millisecond units.
        { "1.5h,20", "01:30:00,20" },
        { "20,250ms", "00:00:00.2500000,20" },
        // No age limit, a count limit.
        { "none,200", "none,200" },
        // No limit at all.
        { "none", "none,none" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Parses_a_duration_a_count_or_both(string value, string expected) =>
        Assert.Equal(expected, JobRetention.Parse(value).ToString());

    [Theory]
    [InlineData("0")]
    [InlineData("10x")]
    [InlineData("5,6")]
    [InlineData("1h,2h")]
    [InlineData("1h,2,3")]
    [InlineData("-5m")]
    public void Refuses_anything_else(string value) =>
        Assert.Throws<FormatException>(() => JobRetention.Parse(value));

    [Fact]
    public async Task A_finished_job_and_its_staged_files_are_dropped_after_the_age_limit()
    {
        // Long enough for a loaded machine to prepare, stage and run the job before it is dropped.
        await using var runner = await RunnerHarness.StartAsync(new ReferenceRunnerOptions { JobRetention = new JobRetention { MaxAge = TimeSpan.FromSeconds(3), MaxJobs = null } });
        var id = await PrepareWithArtifactAsync(runner);
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(runner.Server.StagingDirectory, id), "*", SearchOption.AllDirectories));

        await runner.CallAsync((c, o) => c.RunAsync(new RunJobRequest { PreparationId = id }, o));
        Assert.Equal(JobState.Types.Enum.Done, (await runner.StatesUntilEndAsync(id))[^1]);
        await WaitUntilAsync(() => runner.Server.JobCount == 0 && !Directory.Exists(Path.Combine(runner.Server.StagingDirectory, id)));

        var error = await Assert.ThrowsAsync<RpcException>(() => runner.CallAsync((c, o) => c.GetStateAsync(new GetJobStateRequest { JobId = id }, o)));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task A_prepared_job_never_run_expires_but_a_running_job_stays()
    {
        await using var runner = await RunnerHarness.StartAsync(new ReferenceRunnerOptions { JobRetention = new JobRetention { MaxAge = TimeSpan.FromMilliseconds(400), MaxJobs = null } });
        var release = new TaskCompletionSource();
        runner.Executor.Behavior = (_, _) => release.Task;
        var running = await runner.PrepareAndStageAsync(Pipelines.ImpulseParDo(Pipelines.External()), "running");
        await runner.CallAsync((c, o) => c.RunAsync(new RunJobRequest { PreparationId = running }, o));
        var idle = (await runner.PrepareAsync(Pipelines.ImpulseParDo(Pipelines.External()), "idle")).PreparationId;

        await WaitUntilAsync(() => runner.Server.JobCount == 1);
        await Task.Delay(600, TestContext.Current.CancellationToken);

        Assert.Equal([running], (await runner.CallAsync((c, o) => c.GetJobsAsync(new GetJobsRequest(), o))).JobInfo.Select(static j => j.JobId));
        Assert.DoesNotContain(idle, (await runner.CallAsync((c, o) => c.GetJobsAsync(new GetJobsRequest(), o))).JobInfo.Select(static j => j.JobId));
        release.SetResult();
        Assert.Equal(JobState.Types.Enum.Done, (await runner.StatesUntilEndAsync(running))[^1]);
        await WaitUntilAsync(() => runner.Server.JobCount == 0);
    }

    /// <summary>
    /// Retention ages jobs on the runner's clock (<see cref="ReferenceRunnerOptions.TimeProvider"/>): with a fake clock an
    /// hour passes in no time, and the job goes exactly when its hour is up (the sweep runs every minute of that clock).
    /// </summary>
    [Fact]
    public async Task A_prepared_job_expires_when_the_runner_clock_passes_the_age_limit()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));
        await using var runner = await RunnerHarness.StartAsync(new ReferenceRunnerOptions { TimeProvider = clock, JobRetention = new JobRetention { MaxAge = TimeSpan.FromHours(1), MaxJobs = null } });
        var id = (await runner.PrepareAsync(Pipelines.ImpulseParDo(Pipelines.External()), "idle")).PreparationId;

        clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(1, runner.Server.JobCount);
        Assert.Equal(JobState.Types.Enum.Stopped, (await runner.CallAsync((c, o) => c.GetStateAsync(new GetJobStateRequest { JobId = id }, o))).State);

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(0, runner.Server.JobCount);
        var error = await Assert.ThrowsAsync<RpcException>(() => runner.CallAsync((c, o) => c.GetStateAsync(new GetJobStateRequest { JobId = id }, o)));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Over_the_count_limit_the_jobs_idle_longest_go_first()
    {
        await using var runner = await RunnerHarness.StartAsync(new ReferenceRunnerOptions { JobRetention = new JobRetention { MaxAge = null, MaxJobs = 3 } });
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await PrepareWithArtifactAsync(runner));
        }

        var kept = (await runner.CallAsync((c, o) => c.GetJobsAsync(new GetJobsRequest(), o))).JobInfo.Select(static j => j.JobId);

        Assert.Equal(ids[2..], kept);
        Assert.Equal(ids[2..].Order(StringComparer.Ordinal), Directory.EnumerateDirectories(runner.Server.StagingDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    private static async Task<string> PrepareWithArtifactAsync(RunnerHarness runner)
    {
        var source = Path.Combine(Directory.CreateTempSubdirectory("beam-retention-").FullName, "dep.bin");
        await File.WriteAllBytesAsync(source, [1, 2, 3], TestContext.Current.CancellationToken);
        var pipeline = Pipelines.ImpulseParDo(Pipelines.External());
        pipeline.Components.Environments["env"].Dependencies.Add(Pipelines.FileArtifact(source, "dep.bin"));
        var id = await runner.PrepareAndStageAsync(pipeline);
        Directory.Delete(Path.GetDirectoryName(source)!, recursive: true);
        return id;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 20 s");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
