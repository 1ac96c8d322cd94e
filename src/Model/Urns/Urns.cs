namespace BeamConformance.Model;

/// <summary>
/// The standard URNs of the Beam model, one nested class per family. Every constant equals a <c>beam_urn</c>
/// enum-value option in the protos (a test enforces it), so that URNs have one source of truth.
/// </summary>
public static partial class Urns
{
}
