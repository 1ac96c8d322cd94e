namespace BeamConformance.Model.Windows;

/// <summary>
/// A window [<see cref="StartMillis"/>, <see cref="EndMillis"/>): start inclusive, end exclusive, both in ms.
/// Its max timestamp is <c>EndMillis - 1</c>. Encoded by <c>beam:coder:interval_window:v1</c>.
/// </summary>
/// <param name="StartMillis">Inclusive start, ms since epoch.</param>
/// <param name="EndMillis">Exclusive end, ms since epoch.</param>
public sealed record IntervalWindow(long StartMillis, long EndMillis) : BoundedWindow
{
    /// <summary>End minus one millisecond: the last instant inside the window.</summary>
    public override long MaxTimestampMillis => EndMillis - 1;

    /// <summary>True when the two windows overlap (share at least one instant); used by session merging.</summary>
    public bool Intersects(IntervalWindow other) => StartMillis < other.EndMillis && other.StartMillis < EndMillis;

    /// <summary>The smallest window that covers both.</summary>
    public IntervalWindow Span(IntervalWindow other) =>
        new(Math.Min(StartMillis, other.StartMillis), Math.Max(EndMillis, other.EndMillis));

    /// <summary>True when <paramref name="timestampMillis"/> lies in [start, end).</summary>
    public bool Contains(long timestampMillis) => timestampMillis >= StartMillis && timestampMillis < EndMillis;

    /// <inheritdoc />
    public override string ToString() => $"[{BeamTime.Format(StartMillis)}, {BeamTime.Format(EndMillis)})";
}
