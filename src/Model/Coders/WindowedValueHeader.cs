using BeamConformance.Model.Windows;

namespace BeamConformance.Model.Coders;

/// <summary>The metadata that precedes the element in <c>beam:coder:windowed_value:v1</c>.</summary>
/// <param name="TimestampMillis">Event time, ms since epoch.</param>
/// <param name="Windows">The windows (one or more).</param>
/// <param name="Pane">The pane.</param>
public readonly record struct WindowedValueHeader(long TimestampMillis, IReadOnlyList<BoundedWindow> Windows, PaneInfo Pane);
