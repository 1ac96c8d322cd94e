using BeamConformance.Model;
using BeamConformance.Model.Windows;

namespace BeamConformance.FakeHarness;

/// <summary>
/// One element a capture sink (<c>beamconformance:transform:capture:v1</c>) received, as the harness decoded it.
/// </summary>
/// <param name="RunId">The scenario run id: the <c>"run"</c> key the suite adds to every transform payload.</param>
/// <param name="Transform">The capture transform's name (its PTransform <c>unique_name</c>; the transform id when empty).</param>
/// <param name="Value">The value decoded by the input PCollection's coder: <see cref="long"/> (varint),
/// <see cref="string"/> (string_utf8), <see cref="byte"/>[] (bytes and <c>beamconformance:coder:custom:*</c>),
/// <see cref="double"/>, <see cref="bool"/>, <see cref="KV"/>, <see cref="IReadOnlyList{T}"/> of <see cref="object"/>
/// (iterable), or null.</param>
/// <param name="TimestampMillis">Event time, ms since the Unix epoch.</param>
/// <param name="Windows">The windows of the element as received (not exploded).</param>
/// <param name="Pane">The full pane info as received.</param>
/// <param name="InstructionId">The ProcessBundle instruction id that delivered it.</param>
public sealed record CaptureRecord(
    string RunId,
    string Transform,
    object? Value,
    long TimestampMillis,
    IReadOnlyList<BoundedWindow> Windows,
    PaneInfo Pane,
    string InstructionId);
