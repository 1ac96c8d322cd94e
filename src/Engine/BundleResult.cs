namespace BeamConformance.Engine;

/// <summary>
/// What a successful bundle produced, applied atomically by <see cref="JobEngine.CommitBundle"/>.
/// </summary>
/// <remarks>Residual roots of splittable DoFns, timers, state changes and watermark holds are added here by later issues.</remarks>
public sealed record BundleResult
{
    /// <summary>A result with no outputs.</summary>
    public static BundleResult Empty { get; } = new();

    /// <summary>Elements per output PCollection of the stage, each list in output order. PCollections with no output may be left out.</summary>
    public IReadOnlyDictionary<PCollectionId, IReadOnlyList<Element>> Outputs { get; init; } = new Dictionary<PCollectionId, IReadOnlyList<Element>>();
}
