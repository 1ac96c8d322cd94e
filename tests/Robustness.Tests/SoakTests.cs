using BeamConformance.Protos.Hosting;
using Grpc.Net.Client;
using System.Diagnostics;
using Grpc.Core;
using Org.Apache.Beam.Model.JobManagement.V1;

namespace BeamConformance.Robustness.Tests;

/// <summary>
/// Jobs for a while, eight at a time: prepared, staged, run (to FAILED: the worker pool is unreachable), prepared and
/// never run, cancelled. The runner keeps at most its retention's count (300 here) and stays alive. CI runs it for
/// 5 s; <c>BEAM_SOAK_SECONDS=600</c> makes it the long soak.
/// </summary>
public sealed class SoakTests(FuzzRunner runner)
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("BEAM_SOAK_SECONDS"), out var seconds) && seconds > 0 ? seconds : 5);

    [Fact]
    public async Task Jobs_come_and_go_and_the_runner_keeps_at_most_its_retention()
    {
        var clock = Stopwatch.StartNew();
        var count = 0;
        var calmed = 0;
        var lanes = Enumerable.Range(0, 8).Select(lane => Task.Run(async () =>
        {
            // One connection per lane, as separate clients have: the transport limits the streams of one connection.
            var channel = GrpcChannels.ForEndpoint(runner.JobEndpoint);
            var jobs = channel.CreateCallInvoker();
            for (var n = 0; clock.Elapsed < Duration; n++)
            {
                try
                {
                    var prepared = await new JobService.JobServiceClient(jobs).PrepareAsync(new PrepareJobRequest { Pipeline = Pipelines.Valid(), JobName = $"soak-{lane}" }, FuzzRunner.Options()).ResponseAsync;
                    Interlocked.Increment(ref count);
                    switch (n % 3)
                    {
                        case 0:
                            await JobClient.StageNothingAsync(jobs, prepared.StagingSessionToken);
                            await new JobService.JobServiceClient(jobs).RunAsync(new RunJobRequest { PreparationId = prepared.PreparationId }, FuzzRunner.Options()).ResponseAsync;
                            var end = await JobClient.TerminalStateAsync(jobs, prepared.PreparationId, TimeSpan.FromSeconds(30));
                            Assert.Equal(JobState.Types.Enum.Failed, end);
                            break;
                        case 1:
                            await new JobService.JobServiceClient(jobs).CancelAsync(new CancelJobRequest { JobId = prepared.PreparationId }, FuzzRunner.Options()).ResponseAsync;
                            break;
                        default:
                            break; // Prepared and never run: the retention drops it.
                    }
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted && e.Status.Detail.Contains("ENHANCE_YOUR_CALM", StringComparison.Ordinal))
                {
                    // Kestrel's HTTP/2 flood protection refused a stream of this connection (README: left to the
                    // transport; other connections go on). A client reconnects; the runner must still serve it.
                    Interlocked.Increment(ref calmed);
                    channel.Dispose();
                    channel = GrpcChannels.ForEndpoint(runner.JobEndpoint);
                    jobs = channel.CreateCallInvoker();
                }
            }

            channel.Dispose();
        })).ToList();
        await Task.WhenAll(lanes);

        using var check = runner.NewJobChannel();
        var kept = await new JobService.JobServiceClient(check.CreateCallInvoker()).GetJobsAsync(new GetJobsRequest(), FuzzRunner.Options()).ResponseAsync;
        TestContext.Current.SendDiagnosticMessage($"soak: {count} jobs in {clock.Elapsed.TotalSeconds:F1} s; the runner keeps {kept.JobInfo.Count}; streams refused by HTTP/2 flood protection {calmed}");
        Assert.InRange(kept.JobInfo.Count, 1, 300);
        Assert.True(count > 8, $"only {count} jobs in {Duration.TotalSeconds} s");
        await runner.AssertAliveAsync(new FuzzCase(nameof(SoakTests), FuzzCase.RunSeed, count, $"{count} jobs"));
    }
}
