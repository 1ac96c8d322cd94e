namespace BeamConformance.Model.Windows;

/// <summary>
/// A window of a kind the model does not define, as <c>beam:coder:custom_window:v1</c> carries it: its max
/// timestamp (inclusive, ms) and the window as its own coder decodes it (opaque <see cref="byte"/>[] when the
/// runner does not know that coder).
/// </summary>
public sealed record CustomWindow : BoundedWindow
{
    /// <summary>Creates the window.</summary>
    /// <param name="maxTimestampMillis">The largest timestamp in the window, ms.</param>
    /// <param name="window">The window value decoded by the component coder.</param>
    public CustomWindow(long maxTimestampMillis, object? window)
    {
        MaxTimestampMillis = maxTimestampMillis;
        Window = window;
    }

    /// <inheritdoc />
    public override long MaxTimestampMillis { get; }

    /// <summary>The window as the component window coder decodes it.</summary>
    public object? Window { get; }

    /// <summary>Equal when the max timestamps are equal and the windows are structurally equal.</summary>
    public bool Equals(CustomWindow? other) =>
        other is not null && MaxTimestampMillis == other.MaxTimestampMillis && Coders.ValueEquality.DeepEquals(Window, other.Window);

    /// <inheritdoc />
    public override int GetHashCode() => MaxTimestampMillis.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => $"CustomWindow(max={BeamTime.Format(MaxTimestampMillis)}, {Window})";
}
