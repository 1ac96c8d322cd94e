using System.Globalization;

namespace BeamConformance.Interop.Tests;

/// <summary>
/// Each pipeline of interop/typescript, submitted by the TypeScript SDK's own Job API client to the ReferenceRunner
/// (its own process), run by the SDK's worker, and checked by run.js against its expected records (values, windows,
/// timestamps, panes) and metrics.
/// </summary>
public sealed class TypeScriptPipelineTests(RunnerProcess runner)
{
    // run.js bounds each job by its --timeout; the test kills the driver if it outlives that by far.
    private const int JobTimeoutSeconds = 60;
    private static readonly TimeSpan DriverTimeout = TimeSpan.FromSeconds(JobTimeoutSeconds + 60);

    /// <summary>Every pipeline run.js lists (a placeholder row when node or the SDK is missing, so the test reports it).</summary>
    public static TheoryData<string> Pipelines()
    {
        var names = TypeScriptSdk.PipelineNames();
        return names.Count == 0 ? new TheoryData<string>("(sdk missing)") : new TheoryData<string>(names);
    }

    /// <summary>The SDK worker runs in the driver's process: environment beam:env:external:v1 (the SDK's LOOPBACK).</summary>
    [Theory]
    [MemberData(nameof(Pipelines))]
    public void Passes_with_the_loopback_environment(string pipeline) => RunAndAssert(pipeline, "LOOPBACK");

    /// <summary>Rows: pipelines run with the SDK worker as a process the runner starts (beam:env:process:v1, worker_boot.js).</summary>
    public static TheoryData<string> ProcessPipelines => new()
    {
        // Map, FlatMap and a reshuffle GroupByKey: the whole Fn API path through a worker the runner started.
        "create_map_flatmap",
        // Side inputs served over the State API to that worker, per fixed window (main and side made by create()'s reshuffle).
        "side_inputs_windowed",
        // The SDK's own windowed test: timestamps moved back behind create()'s reshuffle, grouped under batch semantics.
        "window_into_interval_window",
        // Fixed, sliding and session windows over create()'s reshuffle, and fixed windows without it.
        "fixed_windows",
        "fixed_windows_no_reshuffle",
        "sliding_windows",
        "session_windows",
    };

    /// <summary>The runner starts the SDK worker itself with the container-contract flags (needs --allow-process-environment).</summary>
    [Theory]
    [MemberData(nameof(ProcessPipelines))]
    public void Passes_with_the_process_environment(string pipeline) => RunAndAssert(pipeline, "PROCESS");

    /// <summary>run.js lists at least the pipelines the issue asks for, so a broken list cannot pass as "nothing to run".</summary>
    [Fact]
    public void The_driver_lists_the_pipelines()
    {
        TypeScriptSdk.Require();
        var names = TypeScriptSdk.PipelineNames();
        foreach (var expected in new[]
        {
            "create_map_flatmap", "gbk_mixed_keys", "combine_per_key", "combine_globally", "flatten", "multiple_outputs",
            "fixed_windows", "sliding_windows", "session_windows", "side_inputs_global", "side_inputs_windowed", "metrics",
            "fixed_windows_no_reshuffle", "window_into_interval_window",
        })
        {
            Assert.Contains(expected, names);
        }
    }

    private void RunAndAssert(string pipeline, string environment)
    {
        TypeScriptSdk.Require();
        runner.RequireRunning();
        var logStart = runner.LogPosition;
        var run = TypeScriptSdk.Run(
            ["run.js", "--endpoint", runner.JobEndpoint, "--environment", environment, "--only", pipeline, "--timeout", JobTimeoutSeconds.ToString(CultureInfo.InvariantCulture)],
            DriverTimeout);
        if (run.ExitCode != 0 || !run.Output.Contains("1 passed, 0 failed", StringComparison.Ordinal))
        {
            Assert.Fail(
                $"node run.js --endpoint {runner.JobEndpoint} --environment {environment} --only {pipeline} exited with {run.ExitCode}.\n"
                + $"--- driver output ---\n{run.Output}\n--- ReferenceRunner log meanwhile ---\n{runner.LogSince(logStart)}");
        }
    }
}
