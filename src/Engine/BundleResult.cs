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

    /// <summary>
    /// The residual of a channel split, per main-input PCollection of the bundle: the 0-based index, among the bundle's
    /// elements of that input (<see cref="BundleInput.Elements"/>), of the first element the SDK did not process
    /// (<c>ChannelSplit.first_residual_element</c>). Those elements and every one after them go back to the stage's
    /// input (issued again before other work of the stage, still holding its watermark); an index equal to the count
    /// returns nothing. Inputs left out were processed whole.
    /// </summary>
    public IReadOnlyDictionary<PCollectionId, int> FirstResidualElements { get; init; } = new Dictionary<PCollectionId, int>();

    /// <summary>
    /// Residual roots of element splits: elements issued again to the stage (before its other work, ahead of the channel
    /// split's residual elements), each holding the stage's output watermark at its hold until processed.
    /// </summary>
    public IReadOnlyList<ResidualRoot> ResidualRoots { get; init; } = [];
}
