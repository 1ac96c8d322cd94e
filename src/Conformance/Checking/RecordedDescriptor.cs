namespace BeamConformance.Conformance.Checking;

/// <summary>A registered ProcessBundleDescriptor, reduced for protocol checks.</summary>
/// <param name="Id">Its id.</param>
/// <param name="TransformUrns">The URNs of its transforms.</param>
/// <param name="HasStateApi">Whether it carries a state ApiServiceDescriptor.</param>
public sealed record RecordedDescriptor(string Id, IReadOnlyList<string> TransformUrns, bool HasStateApi)
{
    /// <summary>Its transforms (URN, unique name, annotations), in the descriptor's map order.</summary>
    public IReadOnlyList<RecordedDescriptorTransform> Transforms { get; init; } = [];
}
