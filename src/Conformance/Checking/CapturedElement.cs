using BeamConformance.Model;
using BeamConformance.Model.Windows;

namespace BeamConformance.Conformance.Checking;

/// <summary>
/// One element a capture sink (<c>beamconformance:transform:capture:v1</c>) recorded, proto-free.
/// </summary>
/// <param name="Sink">The capture transform's name.</param>
/// <param name="Value">The decoded value: <see cref="long"/>, <see cref="string"/>, <see cref="byte"/>[],
/// <see cref="double"/>, <see cref="bool"/>, <see cref="KV"/>, or a list/array of these.</param>
/// <param name="TimestampMillis">Event time, ms since the epoch.</param>
/// <param name="Windows">The windows the element is in (one or more).</param>
/// <param name="Pane">Its full pane info.</param>
public sealed record CapturedElement(string Sink, object? Value, long TimestampMillis, IReadOnlyList<BoundedWindow> Windows, PaneInfo Pane);
