namespace BeamConformance.Engine;

/// <summary>A stage of a <see cref="StageGraph"/>, as declared to <see cref="StageGraphBuilder"/>.</summary>
/// <param name="Id">The stage's id.</param>
/// <param name="Kind">What runs it.</param>
/// <param name="Inputs">Main-input PCollections (several for an SDK stage that fused a Flatten, or a runner-side Flatten).</param>
/// <param name="Outputs">Output PCollections; each PCollection has exactly one producing stage.</param>
/// <param name="SideInputs">Side inputs (SDK stages only).</param>
/// <param name="WindowingStrategy">The input's windowing strategy (GroupByKey only; null otherwise).</param>
public sealed record StageSpec(
    StageId Id,
    StageKind Kind,
    IReadOnlyList<PCollectionId> Inputs,
    IReadOnlyList<PCollectionId> Outputs,
    IReadOnlyList<SideInput> SideInputs,
    WindowingStrategy? WindowingStrategy);
