using System.Diagnostics;
using System.Globalization;
using BeamConformance.FakeHarness;
using BeamConformance.Model;
using BeamConformance.ReferenceRunner.Execution;
using BeamConformance.ReferenceRunner.Hosting;
using Grpc.Core;
using BeamConformance.Protos.Hosting;
using Grpc.Net.Client;
using Org.Apache.Beam.Model.JobManagement.V1;

namespace BeamConformance.Benchmarks.Runner;

/// <summary>
/// End-to-end figures of the ReferenceRunner (issue 4), as a plain console measurement because whole jobs do not fit
/// BenchmarkDotNet's repeated short invocations: <c>dotnet run -c Release --project bench/Benchmarks -- runner
/// [--elements N] [--keys K] [--latency-runs R] [--bundle-size B] [--echo-messages M] [--execution-mode batch|streaming]</c>. Starts, in this process,
/// the ReferenceRunner (<see cref="ReferenceRunnerServer.CreateDefault"/>) and a FakeHarness worker pool reached
/// through an EXTERNAL environment, submits pipelines through the Job API, and prints: Prepare → first
/// ProcessBundle latency (median), elements/s through a fused ParDo chain and through GroupByKey, data-plane
/// bytes/s, and grpc-dotnet's raw bidi echo at 1 KiB measured in the same run.
/// </summary>
public static class RunnerBenchmark
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Runs every measurement and prints the figures.</summary>
    /// <param name="args">Options after <c>runner</c>.</param>
    /// <returns>0 when every job ended DONE with the expected output, 1 otherwise.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        var settings = RunnerBenchmarkSettings.Parse(args);
        Console.WriteLine($"ReferenceRunner benchmark: {settings}; {Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}");
        using var sockets = new SocketBytes();
        var captures = new CaptureStore();
        var recorder = new ProtocolRecorder();
        await using var pool = new FakeHarnessWorkerPool(captures, recorder);
        var harness = await pool.StartAsync().ConfigureAwait(false);
        var execution = (settings.BundleSize is { } size ? new ExecutionOptions { BundleSize = size } : ExecutionOptions.Default) with { Mode = settings.Mode };
        await using var runner = ReferenceRunnerServer.CreateDefault(new ReferenceRunnerOptions(), execution);
        var jobEndpoint = await runner.StartAsync().ConfigureAwait(false);
        using var channel = GrpcChannels.ForEndpoint(jobEndpoint, new GrpcChannelOptions { MaxReceiveMessageSize = null });
        var client = new RunnerJobClient(channel.CreateCallInvoker(), JobTimeout);
        var context = new Context(client, captures, recorder, sockets, harness);
        Console.WriteLine($"runner job endpoint {jobEndpoint}, Fn API {runner.FnApiEndpoint}, FakeHarness pool {harness}, bundle size {execution.BundleSize}, execution mode {execution.Mode?.ToString() ?? "auto"}");

        var ok = true;
        try
        {
            // Warm-up: JIT the runner, harness and transport paths of both pipeline shapes.
            ok &= (await RunChainAsync(context, 1000, report: false).ConfigureAwait(false)).Ok;
            ok &= (await RunGroupByKeyAsync(context, 1000, 10, report: false).ConfigureAwait(false)).Ok;
            ok &= await LatencyAsync(context, settings.LatencyRuns).ConfigureAwait(false);
            Console.WriteLine();
            Console.WriteLine($"{"pipeline",-28} {"elements",10} {"run→DONE s",10} {"elements/s",11} {"wire MB",8} {"wire MB/s",9} {"r→h MB",7} {"alloc MB/Melem",14} {"peak WS MB",10} {"gen2",5} {"GC pause s",8}");
            ok &= (await RunChainAsync(context, settings.Elements, report: true).ConfigureAwait(false)).Ok;
            ok &= await RunChainWithoutCaptureAsync(context, settings.Elements).ConfigureAwait(false);
            ok &= (await RunGroupByKeyAsync(context, settings.Elements, settings.Keys, report: true).ConfigureAwait(false)).Ok;
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException or TimeoutException or OperationCanceledException)
        {
            Console.WriteLine($"runner measurement stopped: {e.GetType().Name}: {e.Message}");
            ok = false;
        }

        Console.WriteLine();
        var echoSeconds = await TransportBidiEcho.MeasureCSharpEchoAsync(1024, settings.EchoMessages).ConfigureAwait(false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"grpc-dotnet raw bidi echo C# -> C#, 1 KiB x {settings.EchoMessages}: {echoSeconds:F3} s, {settings.EchoMessages / echoSeconds:F0} msg/s, {settings.EchoMessages * 1024.0 / echoSeconds / 1e6:F1} MB/s (payload, one direction)"));
        Console.WriteLine("wire MB = bytes sent by every socket of the process during the job (runner, harness and Job API client over loopback, with HTTP/2 framing; control and state included);");
        Console.WriteLine("r→h MB = encoded windowed values the harness received on the data plane (ProtocolRecorder); alloc = GC.GetTotalAllocatedBytes delta of the whole process; peak WS = process peak working set so far;");
        Console.WriteLine("gen2 = full collections during the job (GC.CollectionCount(2)); GC pause s = GC.GetTotalPauseDuration delta (whole process).");
        return ok ? 0 : 1;
    }

    private static async Task<bool> LatencyAsync(Context context, int runs)
    {
        var firstBundle = new List<double>();
        var total = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var runId = "latency-" + Guid.NewGuid().ToString("N");
            using var watcher = new FirstBundleWatcher(context.Recorder, runId);
            var times = await context.Client.RunAsync(RunnerPipelines.FusedChain(runId, context.Harness, 10), runId, watcher.Start).ConfigureAwait(false);
            if (!Check(times, context.Captures.GetElements(runId, "sink").Count == 10, "10 captured elements"))
            {
                return false;
            }

            firstBundle.Add(watcher.MillisecondsAfterStart(TimeSpan.FromSeconds(5)));
            total.Add(times.PrepareToEndMs);
            context.Forget(runId);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"start-up latency, Impulse → create 10 → range → map×3 → capture, {runs} runs: Prepare → first ProcessBundle at the harness median {Median(firstBundle):F1} ms (min {firstBundle.Min():F1}, max {firstBundle.Max():F1}); Prepare → DONE median {Median(total):F1} ms"));
        return true;
    }

    private static async Task<(bool Ok, JobTimes Times)> RunChainAsync(Context context, long elements, bool report)
    {
        var runId = "chain-" + Guid.NewGuid().ToString("N");
        var measure = await Measurement.StartAsync(context.Sockets).ConfigureAwait(false);
        var times = await context.Client.RunAsync(RunnerPipelines.FusedChain(runId, context.Harness, elements), runId).ConfigureAwait(false);
        var captured = context.Captures.GetElements(runId, "sink");
        // range yields 0..n-1, three maps add 1 each: the sum is n(n-1)/2 + 3n.
        var sum = captured.Sum(c => (long)c.Value!);
        var ok = Check(times, captured.Count == elements && sum == (elements * (elements - 1) / 2) + (3 * elements), $"{elements} captured elements summing to n(n-1)/2+3n (got {captured.Count}, sum {sum})");
        if (ok && report)
        {
            await measure.ReportAsync("fused chain (range→map×3)", elements, times, context, runId).ConfigureAwait(false);
        }

        context.Forget(runId);
        return (ok, times);
    }

    /// <summary>The fused chain without its capture sink (the harness's capture cost left out), checked by the committed element count of p5.</summary>
    private static async Task<bool> RunChainWithoutCaptureAsync(Context context, long elements)
    {
        var runId = "chain-nocapture-" + Guid.NewGuid().ToString("N");
        var measure = await Measurement.StartAsync(context.Sockets).ConfigureAwait(false);
        var times = await context.Client.RunAsync(RunnerPipelines.FusedChain(runId, context.Harness, elements, capture: false), runId).ConfigureAwait(false);
        var counted = times.State == JobState.Types.Enum.Done ? await context.Client.CommittedElementCountAsync(times.JobId, "p5").ConfigureAwait(false) : null;
        var ok = Check(times, counted == elements, $"a committed element_count of {elements} for p5 (got {counted?.ToString(CultureInfo.InvariantCulture) ?? "none"})");
        if (ok)
        {
            await measure.ReportAsync("fused chain, no capture", elements, times, context, runId).ConfigureAwait(false);
        }

        context.Forget(runId);
        return ok;
    }

    private static async Task<(bool Ok, JobTimes Times)> RunGroupByKeyAsync(Context context, long elements, long keys, bool report)
    {
        var runId = "gbk-" + Guid.NewGuid().ToString("N");
        var measure = await Measurement.StartAsync(context.Sockets).ConfigureAwait(false);
        var times = await context.Client.RunAsync(RunnerPipelines.GroupByKey(runId, context.Harness, elements, keys), runId).ConfigureAwait(false);
        var captured = context.Captures.GetElements(runId, "sink");
        var values = captured.Sum(c => c.Value is KV { Value: IReadOnlyList<object?> group } ? group.Count : 0);
        var expectedKeys = Math.Min(keys, elements);
        var ok = Check(times, captured.Count == expectedKeys && values == elements, $"{expectedKeys} groups holding {elements} values (got {captured.Count} groups, {values} values)");
        if (ok && report)
        {
            await measure.ReportAsync($"GroupByKey ({keys} keys)", elements, times, context, runId).ConfigureAwait(false);
        }

        context.Forget(runId);
        return (ok, times);
    }

    private static bool Check(JobTimes times, bool outputOk, string expected)
    {
        if (times.State != JobState.Types.Enum.Done)
        {
            Console.WriteLine($"job {times.JobId} ended {times.State}:");
            foreach (var message in times.Messages)
            {
                Console.WriteLine("  " + message);
            }

            return false;
        }

        if (!outputOk)
        {
            Console.WriteLine($"job {times.JobId} ended DONE but the output is wrong: expected {expected}");
        }

        return outputOk;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private sealed record Context(RunnerJobClient Client, CaptureStore Captures, ProtocolRecorder Recorder, SocketBytes Sockets, string Harness)
    {
        public void Forget(string runId)
        {
            Captures.Remove(runId);
            Recorder.Remove(runId);
        }
    }

    private sealed class Measurement
    {
        private readonly SocketBytes _sockets;
        private readonly double _socketBytes;
        private readonly long _allocated;
        private readonly int _gen2;
        private readonly TimeSpan _paused;

        private Measurement(SocketBytes sockets, double socketBytes)
        {
            _sockets = sockets;
            _socketBytes = socketBytes;
            _allocated = GC.GetTotalAllocatedBytes(precise: true);
            _gen2 = GC.CollectionCount(2);
            _paused = GC.GetTotalPauseDuration();
        }

        public static async Task<Measurement> StartAsync(SocketBytes sockets)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            return new Measurement(sockets, await sockets.ReadAsync().ConfigureAwait(false));
        }

        public async Task ReportAsync(string name, long elements, JobTimes times, Context context, string runId)
        {
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - _allocated;
            var gen2 = GC.CollectionCount(2) - _gen2;
            var paused = (GC.GetTotalPauseDuration() - _paused).TotalSeconds;
            var wire = (await _sockets.ReadAsync().ConfigureAwait(false)) - _socketBytes;
            var toHarness = context.Recorder.Get(runId).Data.Sum(d => (long)d.WindowedValue.Length);

            var seconds = times.RunToEndSeconds;
            using var process = Process.GetCurrentProcess();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-28} {elements,10} {seconds,10:F3} {elements / seconds,11:F0} {wire / 1e6,8:F1} {wire / 1e6 / seconds,9:F1} {toHarness / 1e6,7:F2} {allocated / 1e6 / (elements / 1e6),14:F0} {process.PeakWorkingSet64 / 1e6,10:F0} {gen2,5} {paused,8:F3}"));
        }
    }
}
