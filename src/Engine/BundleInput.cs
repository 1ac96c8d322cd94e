namespace BeamConformance.Engine;

/// <summary>The elements of one bundle read from one main-input PCollection, in the order to process them.</summary>
/// <param name="PCollection">The input PCollection.</param>
/// <param name="Elements">Its elements in this bundle (possibly none).</param>
public sealed record BundleInput(PCollectionId PCollection, IReadOnlyList<Element> Elements);
