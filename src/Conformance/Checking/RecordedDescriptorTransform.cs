namespace BeamConformance.Conformance.Checking;

/// <summary>One transform of a registered ProcessBundleDescriptor, reduced for protocol checks.</summary>
/// <param name="Urn">Its <c>spec.urn</c>.</param>
/// <param name="UniqueName">Its <c>unique_name</c> (empty when the runner set none).</param>
/// <param name="AnnotationsHex">Its <c>annotations</c>: key → the value's bytes in lower-case hex.</param>
public sealed record RecordedDescriptorTransform(string Urn, string UniqueName, IReadOnlyDictionary<string, string> AnnotationsHex);
