using BeamConformance.Model.Windowing;

namespace BeamConformance.Engine;

/// <summary>
/// What a GroupByKey needs of its input's windowing strategy to execute it: the model's
/// <see cref="Model.Windowing.WindowingStrategy"/> values (trigger, accumulation, closing and on-time behaviour,
/// timestamp combiner, allowed lateness) plus the merge fn that merges its windows (the window fn's assignment
/// runs in the SDK). Defaults are the model's defaults.
/// </summary>
public sealed record WindowingStrategy
{
    /// <summary>Non-merging windows, default trigger, no allowed lateness, END_OF_WINDOW, discarding: the model's defaults.</summary>
    public static WindowingStrategy Default { get; } = new();

    /// <summary>Merges windows per key (sessions, custom merging window fns); null for non-merging window fns (global, fixed, sliding).</summary>
    public IWindowMergeFn? MergeFn { get; init; }

    /// <summary>How long after the end of a window (ms) its late data is still kept; 0 by default. Must be at least 0.</summary>
    public long AllowedLatenessMillis { get; init; }

    /// <summary>How the pane's timestamp is chosen.</summary>
    public TimestampCombiner TimestampCombiner { get; init; } = TimestampCombiner.EndOfWindow;

    /// <summary>Whether values are kept after a pane fired.</summary>
    public AccumulationMode AccumulationMode { get; init; } = AccumulationMode.Discarding;

    /// <summary>Whether an empty final pane is emitted.</summary>
    public ClosingBehavior ClosingBehavior { get; init; } = ClosingBehavior.FireIfNonEmpty;

    /// <summary>Whether an empty ON_TIME pane is emitted.</summary>
    public OnTimeBehavior OnTimeBehavior { get; init; } = OnTimeBehavior.FireAlways;

    /// <summary>When panes fire.</summary>
    public Trigger Trigger { get; init; } = Trigger.DefaultTrigger;

    /// <summary>
    /// The engine's view of a model strategy: its trigger, modes and lateness, with <paramref name="mergeFn"/> merging
    /// its windows (null for non-merging or already merged windows).
    /// </summary>
    /// <exception cref="ArgumentException">The strategy asks for RETRACTING, which the engine does not execute.</exception>
    public static WindowingStrategy From(Model.Windowing.WindowingStrategy strategy, IWindowMergeFn? mergeFn)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        if (strategy.AccumulationMode == AccumulationMode.Retracting)
        {
            throw new ArgumentException("accumulation mode RETRACTING is not supported by the engine", nameof(strategy));
        }

        return new WindowingStrategy
        {
            MergeFn = mergeFn,
            AllowedLatenessMillis = strategy.AllowedLatenessMillis,
            TimestampCombiner = strategy.TimestampCombiner,
            AccumulationMode = strategy.AccumulationMode,
            ClosingBehavior = strategy.ClosingBehavior,
            OnTimeBehavior = strategy.OnTimeBehavior,
            Trigger = strategy.Trigger,
        };
    }

    /// <summary>
    /// When a window's state is garbage collected and its last pane fires (ms): max timestamp plus allowed
    /// lateness, truncated to the end of the global window (Java <c>LateDataUtils.garbageCollectionTime</c>),
    /// so a global window's ON_TIME pane is also its last whatever the lateness.
    /// </summary>
    public long GarbageCollectionTime(Model.Windows.BoundedWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var max = window.MaxTimestampMillis;
        return Model.BeamTime.EndOfGlobalWindowMillis - AllowedLatenessMillis < max ? Model.BeamTime.EndOfGlobalWindowMillis : max + AllowedLatenessMillis;
    }

    /// <summary>
    /// True when an element of <paramref name="window"/> arriving under <paramref name="inputWatermarkMillis"/>
    /// is dropped as too late: max timestamp plus allowed lateness is before the input watermark (Java
    /// <c>LateDataUtils.dropExpiredWindows</c>; the sum saturates instead of overflowing).
    /// </summary>
    public bool IsExpired(Model.Windows.BoundedWindow window, long inputWatermarkMillis)
    {
        ArgumentNullException.ThrowIfNull(window);
        var max = window.MaxTimestampMillis;
        var expiry = max > long.MaxValue - AllowedLatenessMillis ? long.MaxValue : max + AllowedLatenessMillis;
        return expiry < inputWatermarkMillis;
    }
}
