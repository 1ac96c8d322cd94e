namespace BeamConformance.Conformance.Scenarios;

/// <summary>A <c>StateSpec</c> of <see cref="ParDoPayloadOverrides.StateSpecs"/>.</summary>
/// <param name="Kind">The <c>spec</c> oneof: <c>bag</c>, <c>read_modify_write</c>, <c>combining</c>, <c>map</c>,
/// <c>set</c>, <c>multimap</c>, <c>ordered_list</c>, or <c>none</c> (the oneof left empty).</param>
/// <param name="Coders">The kind's coder ids in proto field order (one; two for map and multimap: key, value; none for
/// <c>none</c>).</param>
/// <param name="Protocol">The <c>protocol.urn</c>, or null to leave <c>protocol</c> unset.</param>
public sealed record StateSpecOverride(string Kind, IReadOnlyList<string> Coders, string? Protocol);
