namespace BeamConformance.Model.Windowing;

/// <summary>
/// A PCollection's windowing strategy (<c>beam_runner_api.proto</c> <c>WindowingStrategy</c>), free of protos.
/// Every property defaults to the model's default: global windows, the default trigger, discarding, 0 ms allowed
/// lateness, END_OF_WINDOW, EMIT_IF_NONEMPTY closing, FIRE_ALWAYS on time.
/// </summary>
public sealed record WindowingStrategy
{
    /// <summary>The model's default strategy (global windows, every default).</summary>
    public static WindowingStrategy Default { get; } = new();

    /// <summary>The window fn.</summary>
    public WindowFn WindowFn { get; init; } = WindowFn.Global.Instance;

    /// <summary>Whether the windows still need merging.</summary>
    public MergeStatus MergeStatus { get; init; } = MergeStatus.NonMerging;

    /// <summary>The trigger tree.</summary>
    public Trigger Trigger { get; init; } = Trigger.DefaultTrigger;

    /// <summary>What is kept of a window's values after a pane fires.</summary>
    public AccumulationMode AccumulationMode { get; init; } = AccumulationMode.Discarding;

    /// <summary>How a pane's timestamp is chosen (the proto's <c>output_time</c>).</summary>
    public TimestampCombiner TimestampCombiner { get; init; } = TimestampCombiner.EndOfWindow;

    /// <summary>Whether an empty final pane is emitted.</summary>
    public ClosingBehavior ClosingBehavior { get; init; } = ClosingBehavior.FireIfNonEmpty;

    /// <summary>Whether an empty ON_TIME pane is emitted.</summary>
    public OnTimeBehavior OnTimeBehavior { get; init; } = OnTimeBehavior.FireAlways;

    /// <summary>How long after the end of a window (ms) its late data is still kept; at least 0 to be valid.</summary>
    public long AllowedLatenessMillis { get; init; }

    /// <summary>True when the window fn puts every element in exactly one window (global, fixed).</summary>
    public bool AssignsToOneWindow { get; init; }

    /// <summary>The id of the window coder in the pipeline's components; empty when not set.</summary>
    public string WindowCoderId { get; init; } = "";

    /// <summary>The id of the environment that runs the window fn; empty when not set.</summary>
    public string EnvironmentId { get; init; } = "";
}
