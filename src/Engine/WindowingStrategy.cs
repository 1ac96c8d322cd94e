namespace BeamConformance.Engine;

/// <summary>
/// What a GroupByKey needs of its input's windowing strategy (the model's <c>WindowingStrategy</c> message,
/// minus the window fn's assignment, which runs in the SDK). Defaults are the model's defaults.
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
    public Trigger Trigger { get; init; } = Trigger.Default;

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
