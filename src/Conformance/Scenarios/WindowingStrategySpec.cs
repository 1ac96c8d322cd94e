namespace BeamConformance.Conformance.Scenarios;

/// <summary>
/// A windowing strategy (beam_runner_api.proto <c>WindowingStrategy</c>) as a scenario names it.
/// Defaults are Beam's: default trigger, discarding, 0 ms allowed lateness, end-of-window timestamps,
/// emit-if-nonempty closing, fire-always on time.
/// </summary>
/// <param name="Id">The id the PCollections use; <c>global</c> is predefined.</param>
/// <param name="WindowFn">The window fn.</param>
/// <param name="Trigger">The trigger tree.</param>
/// <param name="AccumulationMode">discarding / accumulating / retracting.</param>
/// <param name="AllowedLatenessMillis">Allowed lateness, ms.</param>
/// <param name="TimestampCombiner">Output timestamp of grouped values.</param>
/// <param name="ClosingBehavior">Whether the final pane fires when empty.</param>
/// <param name="OnTimeBehavior">Whether the on-time pane fires when empty.</param>
public sealed record WindowingStrategySpec(
    string Id,
    WindowFnSpec WindowFn,
    TriggerSpec Trigger,
    AccumulationMode AccumulationMode,
    long AllowedLatenessMillis,
    TimestampCombinerKind TimestampCombiner,
    ClosingBehavior ClosingBehavior,
    OnTimeBehavior OnTimeBehavior)
{
    /// <summary>The predefined id of the global strategy.</summary>
    public const string GlobalId = "global";

    /// <summary>The predefined strategy: global window and every default.</summary>
    public static WindowingStrategySpec Global { get; } = new(
        GlobalId, new WindowFnSpec.Global(), TriggerSpec.DefaultTrigger, AccumulationMode.Discarding, 0,
        TimestampCombinerKind.EndOfWindow, ClosingBehavior.EmitIfNonEmpty, OnTimeBehavior.FireAlways);
}
