using BeamConformance.Model.Windows;

namespace BeamConformance.Model;

/// <summary>
/// An element of a PCollection with its event timestamp (ms), the windows it belongs to and its pane
/// (the model's <c>WindowedValue</c>, encoded by <c>beam:coder:windowed_value:v1</c>).
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <param name="Value">The element.</param>
/// <param name="TimestampMillis">Event time in ms since epoch, within [<see cref="BeamTime.MinTimestampMillis"/>, <see cref="BeamTime.MaxTimestampMillis"/>].</param>
/// <param name="Windows">One or more windows; an element in several windows is one element of each.</param>
/// <param name="Pane">The pane that produced it.</param>
public sealed record WindowedValue<T>(T Value, long TimestampMillis, IReadOnlyList<BoundedWindow> Windows, PaneInfo Pane)
{
    /// <summary>An element in the global window at the minimum timestamp with no firing pane, as Impulse emits.</summary>
    public static WindowedValue<T> InGlobalWindow(T value, long timestampMillis = BeamTime.MinTimestampMillis) =>
        new(value, timestampMillis, [GlobalWindow.Instance], PaneInfo.NoFiring);

    /// <summary>Value equality, comparing the windows element by element.</summary>
    public bool Equals(WindowedValue<T>? other) =>
        other is not null
        && EqualityComparer<T>.Default.Equals(Value, other.Value)
        && TimestampMillis == other.TimestampMillis
        && Pane == other.Pane
        && Windows.SequenceEqual(other.Windows);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Value, TimestampMillis, Pane, Windows.Count);
}
