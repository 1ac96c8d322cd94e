using BeamConformance.Model.Windows;

namespace BeamConformance.Conformance.Scenarios;

/// <summary>
/// One expected pane of a capture sink, matched partially: a null field is not compared.
/// </summary>
/// <param name="Window">The window (<see cref="GlobalWindow"/> or <see cref="IntervalWindow"/>), or null.</param>
/// <param name="Pane">Expected pane-info fields, or null.</param>
/// <param name="TimestampMillis">Timestamp of every element of the pane (ms), or null.</param>
/// <param name="Elements">Expected elements (value and optional timestamp), or null when values are not compared.</param>
/// <param name="Ordered">Whether <paramref name="Elements"/> must arrive in this order.</param>
/// <param name="Location">Where the pane is written.</param>
public sealed record ExpectedPane(
    BoundedWindow? Window,
    ExpectedPaneInfo? Pane,
    long? TimestampMillis,
    IReadOnlyList<ElementSpec>? Elements,
    bool Ordered,
    SourceLocation Location);
