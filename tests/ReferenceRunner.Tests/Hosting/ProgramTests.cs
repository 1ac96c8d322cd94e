using System.Diagnostics;
using System.Text.RegularExpressions;
using Grpc.Core;
using BeamConformance.Protos.Hosting;
using Org.Apache.Beam.Model.JobManagement.V1;

namespace BeamConformance.ReferenceRunner.Tests.Hosting;

/// <summary>The ReferenceRunner executable: prints its job endpoint, serves it, stops cleanly on a signal.</summary>
public sealed partial class ProgramTests
{
    public static TheoryData<string> Signals => new()
    {
        // Ctrl-C.
        "INT",
        // A service manager's stop.
        "TERM",
    };

    [Theory]
    [MemberData(nameof(Signals))]
    public async Task Prints_the_job_endpoint_serves_it_and_exits_0_on_a_signal(string signal)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "POSIX signals");
        var runner = Path.Combine(AppContext.BaseDirectory, "BeamConformance.ReferenceRunner.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { runner, "--job-port", "0", "--bind", "127.0.0.1" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        try
        {
            var line = await process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
            var match = EndpointLine().Match(line ?? "");
            Assert.True(match.Success, $"first stdout line was '{line}'");
            using var channel = GrpcChannels.ForEndpoint(match.Groups[1].Value);
            var jobs = await new JobService.JobServiceClient(channel.CreateCallInvoker()).GetJobsAsync(new GetJobsRequest(), RunnerHarness.Options()).ResponseAsync;

            using (var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);

            Assert.Empty(jobs.JobInfo);
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [GeneratedRegex(@"^Job endpoint: (127\.0\.0\.1:\d+)$")]
    private static partial Regex EndpointLine();
}
