using BeamConformance.Engine;

namespace BeamConformance.ReferenceRunner.Translation.Internal.Preparers;

/// <summary>
/// A family the runner runs itself, between executable stages: its plan in the <see cref="FusedPipeline"/>
/// (<see cref="Plan"/>) and its declaration to the engine (<see cref="Declare"/>).
/// </summary>
internal abstract class RunnerTransformPreparer : LeafPreparer
{
    /// <inheritdoc />
    public sealed override bool RunsInSdk => false;

    /// <summary>What the plans of this family are (<see cref="RunnerTransformPlan.Kind"/>).</summary>
    public abstract RunnerTransformKind Kind { get; }

    /// <summary>The family's plan for one leaf.</summary>
    /// <param name="graph">The expanded pipeline.</param>
    /// <param name="leaf">A leaf of this family.</param>
    /// <param name="inputs">The engine PCollections it reads (for a Flatten, inputs re-encoded in the output's coder where needed).</param>
    /// <param name="output">Its output engine PCollection.</param>
    public virtual RunnerTransformPlan Plan(PipelineGraph graph, Leaf leaf, IReadOnlyList<PCollectionId> inputs, PCollectionId output) =>
        new(new StageId(leaf.Id), Kind, leaf.Id, inputs, output, null) { Preparer = this };

    /// <summary>Declares one plan of this family to the engine.</summary>
    /// <exception cref="InvalidOperationException">ReferenceRunner bug: the plan lacks what the family needs.</exception>
    public abstract void Declare(StageGraphBuilder builder, RunnerTransformPlan plan);
}
