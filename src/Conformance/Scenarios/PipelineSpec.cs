using BeamConformance.Model.Windowing;

namespace BeamConformance.Conformance.Scenarios;

/// <summary>The pipeline a scenario submits, proto-free.</summary>
/// <param name="WindowingStrategies">The model's strategies by id, including the predefined <see cref="GlobalStrategyId"/>
/// (<see cref="WindowingStrategy.Default"/>); their window coder and environment ids are left for the pipeline builder.</param>
/// <param name="PCollections">PCollections by id, in file order.</param>
/// <param name="Transforms">Leaf transforms in file (topological) order.</param>
/// <param name="Requirements"><c>beam:requirement:*</c> URNs of the pipeline.</param>
public sealed record PipelineSpec(
    IReadOnlyDictionary<string, WindowingStrategy> WindowingStrategies,
    IReadOnlyDictionary<string, PCollectionSpec> PCollections,
    IReadOnlyList<TransformSpec> Transforms,
    IReadOnlyList<string> Requirements)
{
    /// <summary>The predefined id of the global strategy (global window, every Beam default); it may not be redefined.</summary>
    public const string GlobalStrategyId = "global";

    /// <summary>Environments added beside the FakeHarness's (<c>environments:</c>), by id, in file order; empty when none.</summary>
    public IReadOnlyDictionary<string, EnvironmentSpec> Environments { get; init; } = new Dictionary<string, EnvironmentSpec>();
    /// <summary>
    /// The pipeline key <c>components_json</c>: a <c>beam_runner_api.proto</c> <c>Components</c> in the protobuf JSON
    /// mapping, whose map entries replace or add to the built components (a hostile pipeline: coders and windowing
    /// strategies the scenario grammar cannot write); null when absent. The loader's reference checks read only the
    /// scenario's own coders and strategies, so values a scenario expects must not depend on the raw entries.
    /// </summary>
    public string? ComponentsJson { get; init; }

    /// <summary>The strategy of PCollection <paramref name="pcollectionId"/>.</summary>
    /// <exception cref="KeyNotFoundException">The PCollection or its strategy is not declared.</exception>
    public WindowingStrategy StrategyOf(string pcollectionId) => WindowingStrategies[PCollections[pcollectionId].Windowing];

    /// <summary>
    /// The pipeline's <c>root_transform_ids</c> as the scenario gives them (<c>root_transform_ids:</c>, any ids, may be
    /// empty), else null: the builder then lists every transform no <see cref="TransformSpec.Subtransforms"/> names.
    /// </summary>
    public IReadOnlyList<string>? RootTransformIds { get; init; }

    /// <summary>True (<c>without_components: true</c>) to submit the pipeline with no <c>components</c> field at all.</summary>
    public bool WithoutComponents { get; init; }

    /// <summary>
    /// How many empty composites (<c>empty_composites:</c>; 0 when absent) the builder adds to the components: ids
    /// <c>empty/1</c>..<c>empty/N</c>, no spec, inputs, outputs or subtransforms, not roots (for the runner's size limit).
    /// </summary>
    public int EmptyComposites { get; init; }
}
