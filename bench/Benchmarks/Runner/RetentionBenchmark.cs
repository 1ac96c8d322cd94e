using BeamConformance.Protos.Hosting;
using System.Diagnostics;
using System.Globalization;
using BeamConformance.FakeHarness;
using BeamConformance.ReferenceRunner.Hosting;
using Grpc.Core;
using Org.Apache.Beam.Model.JobManagement.V1;

namespace BeamConformance.Benchmarks.Runner;

/// <summary>
/// Memory and threads of the ReferenceRunner as jobs come and go (issue 12): <c>dotnet run -c Release --project
/// bench/Benchmarks -- retention [--jobs N] [--every M] [--job-retention VALUE]</c>. Starts, in this process, the
/// ReferenceRunner with the given retention (default the runner's, 1h,1000) and a FakeHarness worker pool, runs N small
/// jobs one after another (Impulse → create 10 → range → map×3, each to DONE through the Job API with artifact staging),
/// and prints at 0 jobs and every M jobs: jobs the runner keeps, the managed heap after a full collection, the
/// working set, the process's thread count and open file descriptors, and the staging directory's entries.
/// </summary>
public static class RetentionBenchmark
{
    /// <summary>Runs the jobs and prints one line per milestone.</summary>
    /// <param name="args">Options after <c>retention</c>.</param>
    /// <returns>0 when every job ended DONE, 1 otherwise, 2 for bad usage.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        int jobs = 10_000, every = 5_000;
        var retention = JobRetention.Default;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--jobs": jobs = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--every": every = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--job-retention": retention = JobRetention.Parse(args[i + 1]); break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}; usage: retention [--jobs N] [--every M] [--job-retention VALUE]");
                    return 2;
            }
        }

        Console.WriteLine($"ReferenceRunner retention benchmark: {jobs} jobs, job retention {retention}; {Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}");
        var captures = new CaptureStore();
        var recorder = new ProtocolRecorder();
        await using var pool = new FakeHarnessWorkerPool(captures, recorder);
        var harness = await pool.StartAsync().ConfigureAwait(false);
        await using var runner = ReferenceRunnerServer.CreateDefault(new ReferenceRunnerOptions { JobRetention = retention });
        using var channel = GrpcChannels.ForEndpoint(await runner.StartAsync().ConfigureAwait(false));
        var client = new RunnerJobClient(channel.CreateCallInvoker(), TimeSpan.FromMinutes(2));
        Console.WriteLine($"{"jobs run",9} {"jobs kept",9} {"heap MB",8} {"WS MB",7} {"threads",7} {"fds",5} {"staged dirs",11} {"s",7}");
        var clock = Stopwatch.StartNew();
        Report(0, runner, clock);
        for (var n = 1; n <= jobs; n++)
        {
            var runId = "retention-" + n.ToString(CultureInfo.InvariantCulture);
            var times = await client.RunAsync(RunnerPipelines.FusedChain(runId, harness, 10, capture: false), runId).ConfigureAwait(false);
            captures.Remove(runId);
            recorder.Remove(runId);
            if (times.State != JobState.Types.Enum.Done)
            {
                Console.WriteLine($"job {n} ended {times.State}: {string.Join(" | ", times.Messages)}");
                return 1;
            }

            if (n % every == 0)
            {
                Report(n, runner, clock);
            }
        }

        return 0;
    }

    private static void Report(int run, ReferenceRunnerServer runner, Stopwatch clock)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        var fds = Directory.Exists("/proc/self/fd") ? Directory.GetFiles("/proc/self/fd").Length : -1;
        var staged = Directory.GetDirectories(runner.StagingDirectory).Length;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{run,9} {runner.JobCount,9} {GC.GetTotalMemory(true) / 1e6,8:F1} {self.WorkingSet64 / 1e6,7:F1} {self.Threads.Count,7} {fds,5} {staged,11} {clock.Elapsed.TotalSeconds,7:F1}"));
    }
}
