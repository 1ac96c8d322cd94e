namespace BeamConformance.Conformance.Scenarios;

/// <summary>A coder of <see cref="ParDoPayloadOverrides.Coders"/>: a <c>Coder</c> proto written as it is sent.</summary>
/// <param name="Urn">Its <c>spec.urn</c> (any string, e.g. <c>beam:coder:timer:v1</c>).</param>
/// <param name="Components">Its <c>component_coder_ids</c>, in order (ids need not resolve).</param>
public sealed record RawCoder(string Urn, IReadOnlyList<string> Components);
