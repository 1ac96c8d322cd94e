namespace BeamConformance.Model.Windows;

/// <summary>
/// The single window that spans all time (<c>beam:window_fn:global_windows:v1</c>); its max timestamp
/// is <see cref="BeamTime.EndOfGlobalWindowMillis"/>. Encoded by <c>beam:coder:global_window:v1</c> as zero bytes.
/// </summary>
public sealed record GlobalWindow : BoundedWindow
{
    private GlobalWindow() { }

    /// <summary>The one global window.</summary>
    public static GlobalWindow Instance { get; } = new();

    /// <inheritdoc />
    public override long MaxTimestampMillis => BeamTime.EndOfGlobalWindowMillis;

    /// <inheritdoc />
    public override string ToString() => "GlobalWindow";
}
