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
    WindowingStrategy? WindowingStrategy)
{
    /// <summary>
    /// For an SDK stage that starts with a stateful ParDo: the allowed lateness (ms) of its input's windowing strategy.
    /// An element whose window's max timestamp plus this lateness is before the stage's input watermark when it arrives
    /// is dropped and counted (<see cref="LateDataDrop"/>), as Java's <c>StatefulDoFnRunner.isLate</c> drops it. Null
    /// for every other stage (nothing dropped).
    /// </summary>
    public long? StatefulAllowedLatenessMillis { get; init; }

    /// <summary>
    /// For a stateful SDK stage whose ParDo requires time-sorted input (<c>ParDoPayload.requires_time_sorted_input</c>,
    /// Java's <c>@RequiresTimeSortedInput</c>): an element is handed out only once the input watermark has passed its
    /// timestamp plus <see cref="StatefulAllowedLatenessMillis"/>, in timestamp order (its pending timestamp holds the
    /// output watermark meanwhile), and an element already behind that point when it arrives is dropped and counted.
    /// </summary>
    public bool TimeSortedInput { get; init; }
}
