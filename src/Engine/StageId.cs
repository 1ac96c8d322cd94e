namespace BeamConformance.Engine;

/// <summary>
/// Identifies a stage of the engine's graph: a fused ExecutableStage run by an SDK, or a runner-side
/// Impulse, Flatten, GroupByKey (aggregation) or external input. The value is the runner's own name
/// (typically the fused stage or transform id); the engine only compares it.
/// </summary>
/// <param name="Value">A non-empty id, unique among the stages of one job.</param>
public readonly record struct StageId(string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value;
}
