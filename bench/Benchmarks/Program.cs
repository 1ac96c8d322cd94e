using BeamConformance.Benchmarks;
using BenchmarkDotNet.Running;

// `-- transport`: the transport's bidi echo throughput table (a plain measurement, see TransportBidiEcho).
if (args.Length > 0 && args[0] == "transport")
{
    return await TransportBidiEcho.RunAsync(args[1..]);
}

// `-- runner [--elements N]`: the ReferenceRunner's end-to-end figures (a plain measurement, see Runner/RunnerBenchmark).
if (args.Length > 0 && args[0] == "runner")
{
    return await BeamConformance.Benchmarks.Runner.RunnerBenchmark.RunAsync(args[1..]);
}

// `-- retention [--jobs N] [--every M] [--job-retention VALUE]`: memory and threads as jobs come and go (see Runner/RetentionBenchmark).
if (args.Length > 0 && args[0] == "retention")
{
    return await BeamConformance.Benchmarks.Runner.RetentionBenchmark.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(BeamConformance.Benchmarks.Runner.RunnerBenchmark).Assembly).Run(args);
return 0;
