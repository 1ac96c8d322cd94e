namespace BeamConformance.Conformance.Scenarios;

/// <summary>A <c>TimerFamilySpec</c> of <see cref="ParDoPayloadOverrides.TimerFamilySpecs"/>.</summary>
/// <param name="TimeDomain">The <c>time_domain</c>: <c>event_time</c>, <c>processing_time</c> or
/// <c>unspecified</c> (<c>UNSPECIFIED</c>, which no runner serves).</param>
/// <param name="Coder">The <c>timer_family_coder_id</c> (may be empty or dangling).</param>
public sealed record TimerFamilyOverride(string TimeDomain, string Coder);
