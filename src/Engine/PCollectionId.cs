namespace BeamConformance.Engine;

/// <summary>
/// Identifies a PCollection of the engine's graph (the pipeline's PCollection id, as the runner names it).
/// </summary>
/// <param name="Value">A non-empty id, unique among the PCollections of one job.</param>
public readonly record struct PCollectionId(string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value;
}
