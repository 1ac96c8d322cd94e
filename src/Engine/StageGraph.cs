namespace BeamConformance.Engine;

/// <summary>
/// A validated graph of stages and PCollections, built by <see cref="StageGraphBuilder"/>. Stages are kept
/// in a topological order (producers before consumers; ties in declaration order), which is the order the
/// engine refreshes watermarks and offers bundles in.
/// </summary>
public sealed class StageGraph
{
    private readonly Dictionary<PCollectionId, StageId> _producers;

    internal StageGraph(IReadOnlyList<StageSpec> stages, Dictionary<PCollectionId, StageId> producers)
    {
        Stages = stages;
        _producers = producers;
    }

    /// <summary>The stages, producers before consumers.</summary>
    public IReadOnlyList<StageSpec> Stages { get; }

    /// <summary>Every PCollection of the graph (each is the output of exactly one stage), in stage order.</summary>
    public IEnumerable<PCollectionId> PCollections => Stages.SelectMany(static s => s.Outputs);

    /// <summary>The stage producing <paramref name="pcollection"/>.</summary>
    /// <exception cref="KeyNotFoundException">The PCollection is not in the graph.</exception>
    public StageId ProducerOf(PCollectionId pcollection) =>
        _producers.TryGetValue(pcollection, out var stage) ? stage : throw new KeyNotFoundException($"PCollection '{pcollection}' is not in the graph");
}
