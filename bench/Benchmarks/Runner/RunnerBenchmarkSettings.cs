using System.Globalization;

namespace BeamConformance.Benchmarks.Runner;

/// <summary>The options of <c>-- runner</c>: <c>--elements N</c> (default 1,000,000), <c>--keys K</c> (GroupByKey keys,
/// default 1000), <c>--latency-runs R</c> (default 7), <c>--bundle-size B</c> (runner default when absent),
/// <c>--echo-messages M</c> (1 KiB echo messages, default 100,000), <c>--execution-mode batch|streaming</c> (the runner's
/// choice when absent: batch, since every benchmark PCollection is bounded).</summary>
internal sealed record RunnerBenchmarkSettings(long Elements, long Keys, int LatencyRuns, int? BundleSize, int EchoMessages)
{
    /// <summary>The execution mode forced on every job, or null for the runner's own choice.</summary>
    public BeamConformance.Engine.ExecutionMode? Mode { get; init; }

    public static RunnerBenchmarkSettings Parse(string[] args)
    {
        var settings = new RunnerBenchmarkSettings(1_000_000, 1000, 7, null, 100_000);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"option {args[i]} needs a value");
            settings = args[i] switch
            {
                "--elements" => settings with { Elements = Positive(args[i], value) },
                "--keys" => settings with { Keys = Positive(args[i], value) },
                "--latency-runs" => settings with { LatencyRuns = (int)Positive(args[i], value) },
                "--bundle-size" => settings with { BundleSize = (int)Positive(args[i], value) },
                "--echo-messages" => settings with { EchoMessages = (int)Positive(args[i], value) },
                "--execution-mode" => settings with
                {
                    Mode = value switch
                    {
                        "batch" => BeamConformance.Engine.ExecutionMode.Batch,
                        "streaming" => BeamConformance.Engine.ExecutionMode.Streaming,
                        _ => throw new ArgumentException($"option --execution-mode needs batch or streaming, got '{value}'"),
                    },
                },
                _ => throw new ArgumentException($"unknown option {args[i]} (known: --elements --keys --latency-runs --bundle-size --echo-messages --execution-mode)"),
            };
            i++;
        }

        return settings;
    }

    private static long Positive(string option, string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 && n <= int.MaxValue
            ? n
            : throw new ArgumentException($"option {option} needs a positive integer, got '{value}'");
}
