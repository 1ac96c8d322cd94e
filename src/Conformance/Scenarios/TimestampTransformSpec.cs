namespace BeamConformance.Conformance.Scenarios;

/// <summary>A <c>TimestampTransform</c> of an after-processing-time trigger: a delay or an alignment (ms).</summary>
/// <param name="DelayMillis">The delay, ms, when this is a delay; else null.</param>
/// <param name="AlignPeriodMillis">The alignment period, ms, when this is an alignment; else null.</param>
/// <param name="AlignOffsetMillis">The alignment offset, ms (0 for a delay).</param>
public sealed record TimestampTransformSpec(long? DelayMillis, long? AlignPeriodMillis, long AlignOffsetMillis);
