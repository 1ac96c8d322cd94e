namespace BeamConformance.Conformance.Scenarios;

/// <summary>
/// An entry of a <c>descriptor</c> check's <c>transforms</c>: the descriptor must hold a transform with this URN and,
/// when given, exactly this unique name and exactly these annotations.
/// </summary>
/// <param name="Urn">The transform's <c>spec.urn</c>.</param>
/// <param name="UniqueName">Its exact <c>unique_name</c>, or null: not checked.</param>
/// <param name="Annotations">Its exact annotations (key → value, compared as the value's UTF-8 bytes; empty: none at
/// all), or null: not checked.</param>
public sealed record ExpectedDescriptorTransform(string Urn, string? UniqueName, IReadOnlyDictionary<string, string>? Annotations);
