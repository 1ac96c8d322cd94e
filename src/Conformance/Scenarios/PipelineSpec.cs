namespace BeamConformance.Conformance.Scenarios;

/// <summary>The pipeline a scenario submits, proto-free.</summary>
/// <param name="WindowingStrategies">Strategies by id, including the predefined <c>global</c>.</param>
/// <param name="PCollections">PCollections by id, in file order.</param>
/// <param name="Transforms">Leaf transforms in file (topological) order.</param>
/// <param name="Requirements"><c>beam:requirement:*</c> URNs of the pipeline.</param>
public sealed record PipelineSpec(
    IReadOnlyDictionary<string, WindowingStrategySpec> WindowingStrategies,
    IReadOnlyDictionary<string, PCollectionSpec> PCollections,
    IReadOnlyList<TransformSpec> Transforms,
    IReadOnlyList<string> Requirements);
