namespace BeamConformance.Engine;

/// <summary>Settings of a <see cref="JobEngine"/>.</summary>
public sealed record EngineOptions
{
    /// <summary>The defaults: bundles of at most 1000 elements.</summary>
    public static EngineOptions Default { get; } = new();

    /// <summary>The most elements a bundle takes (over all its inputs); at least 1.</summary>
    public int MaxBundleSize { get; init; } = 1000;

    /// <summary>
    /// How many times a bundle is run before its failure fails the job; at least 1. The default, 1, fails the
    /// job on the first failed bundle. Above 1, a failed bundle's outputs are discarded and the same bundle
    /// (same elements, same order, new id) is handed out again before other work of its stage.
    /// </summary>
    public int MaxBundleAttempts { get; init; } = 1;

    /// <summary>
    /// Batch or streaming watermark semantics for the whole job. Default <see cref="ExecutionMode.Streaming"/>;
    /// a runner picks <see cref="ExecutionMode.Batch"/> for a pipeline whose PCollections are all bounded.
    /// </summary>
    public ExecutionMode Mode { get; init; } = ExecutionMode.Streaming;

    /// <summary>
    /// The job's processing-time clock: what processing-time triggers and timers read, and what delays wait on.
    /// Default <see cref="System.TimeProvider.System"/> (real time); tests and TestStream pass a virtual clock.
    /// </summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// True for a drained job: residual roots are issued again at once, whatever <c>requested_time_delay</c> they
    /// asked for (a drained job does not wait for self-checkpoints). Default false.
    /// </summary>
    public bool Drain { get; init; }
}
