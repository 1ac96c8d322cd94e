namespace BeamConformance.Conformance.Scenarios;

/// <summary>An element of a create payload or of an expected pane.</summary>
/// <param name="Value">The value typed by the coder (long, string, byte[], double, bool, <see cref="Model.KV"/>, list).</param>
/// <param name="TimestampMillis">Its event time, ms; null when not given.</param>
public sealed record ElementSpec(object? Value, long? TimestampMillis);
