using BeamConformance.Engine;

namespace BeamConformance.ReferenceRunner.Execution;

/// <summary>How <see cref="JobExecutor"/> runs jobs.</summary>
public sealed record ExecutionOptions
{
    /// <summary>The default options.</summary>
    public static ExecutionOptions Default { get; } = new();

    /// <summary>Most elements per bundle (the engine cuts bundles up to this size). Default 1000.</summary>
    public int BundleSize { get; init; } = 1000;

    /// <summary>How long a started worker may take to open its control stream before the job fails. Default 60 s.</summary>
    public TimeSpan WorkerConnectTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How often a running bundle is asked for progress (ProcessBundleProgressRequest), whose MonitoringInfos
    /// become the job's attempted metrics; null never asks. Default 1 s.
    /// </summary>
    public TimeSpan? ProgressInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Most bundles in flight at once across the job's workers. Default 4.</summary>
    public int MaxBundlesInFlight { get; init; } = 4;

    /// <summary>
    /// How many times a bundle is run before its failure fails the job (default 1: never retried; the command line's
    /// <c>--max-bundle-attempts</c>); a job's pipeline option <c>max_bundle_attempts</c> (<see cref="Translation.MaxBundleAttemptsOption"/>)
    /// overrides it. A retried bundle gets the same elements and the state and timers committed before its first attempt
    /// (the failed attempt's outputs, state changes and timers are discarded).
    /// </summary>
    public int MaxBundleAttempts { get; init; } = 1;

    /// <summary>
    /// Forces batch or streaming semantics (<see cref="ExecutionMode"/>) for every job; null (the default, the
    /// command line's <c>--execution-mode auto</c>) decides per job: streaming when the pipeline has an
    /// UNBOUNDED PCollection or a TestStream or its options set <c>beam:option:streaming:v1</c> to true, batch
    /// otherwise. Each job's messages say which mode and why.
    /// </summary>
    public ExecutionMode? Mode { get; init; }

    /// <summary>
    /// The clock of every job (handed to the engine as <see cref="EngineOptions.TimeProvider"/>) and of the runner's
    /// own waits (progress polling). Default <see cref="System.TimeProvider.System"/>; tests pass a controllable one.
    /// </summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Runner-initiated channel splits of every SDK bundle (<see cref="Execution.SplitMode"/>; the command line's
    /// <c>--split-mode</c>). Default <see cref="SplitMode.None"/>.
    /// </summary>
    public SplitMode SplitMode { get; init; } = SplitMode.None;
}
