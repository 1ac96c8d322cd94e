namespace BeamConformance.Model.Windows;

/// <summary>
/// A window of the Beam model: a bounded span of event time that elements are grouped by.
/// Equality is by value (two windows with the same bounds are the same window).
/// </summary>
public abstract record BoundedWindow
{
    /// <summary>The largest timestamp, in ms, an element of this window may carry; the watermark passing it closes the window.</summary>
    public abstract long MaxTimestampMillis { get; }
}
