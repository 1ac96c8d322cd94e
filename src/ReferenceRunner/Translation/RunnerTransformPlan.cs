using BeamConformance.Engine;

namespace BeamConformance.ReferenceRunner.Translation;

/// <summary>A transform the runner executes itself, between executable stages.</summary>
/// <param name="StageId">The engine stage id (the pipeline transform id, or a derived id for lifted combines).</param>
/// <param name="Kind">What it does.</param>
/// <param name="TransformId">The leaf transform it runs: a pipeline transform id, or for a lifted CombinePerKey the id of
/// the GroupByKey part translation added (<c>{combineId}/Group</c>).</param>
/// <param name="Inputs">Input engine PCollections (none for Impulse, one or more for Flatten, one otherwise).</param>
/// <param name="Output">The output engine PCollection.</param>
/// <param name="WindowingStrategy">The input's windowing strategy for <see cref="RunnerTransformKind.GroupByKey"/>; null otherwise.</param>
public sealed record RunnerTransformPlan(
    StageId StageId,
    RunnerTransformKind Kind,
    string TransformId,
    IReadOnlyList<PCollectionId> Inputs,
    PCollectionId Output,
    WindowingStrategy? WindowingStrategy)
{
    /// <summary>The family that planned the transform and declares it to the engine.</summary>
    internal Internal.Preparers.RunnerTransformPreparer? Preparer { get; init; }

    /// <summary>
    /// For <see cref="RunnerTransformKind.TestStream"/>: the TestStream (all its outputs, each an engine external input;
    /// <see cref="Output"/> is the first by local name); null otherwise.
    /// </summary>
    public TestStreamPlan? TestStream { get; init; }
}
