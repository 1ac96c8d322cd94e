using BeamConformance.Engine;

namespace BeamConformance.ReferenceRunner.Translation.Internal.Preparers;

/// <summary>
/// <c>beam:transform:impulse:v1</c>: the runner emits one empty byte array in the global window at the minimum
/// timestamp (the engine's Impulse stage).
/// </summary>
internal sealed class ImpulsePreparer : RunnerTransformPreparer
{
    /// <inheritdoc />
    public override string Family => "Impulse";

    /// <inheritdoc />
    public override IReadOnlyList<string> Urns { get; } = [Model.Urns.Transforms.Impulse];

    /// <inheritdoc />
    public override RunnerTransformKind Kind => RunnerTransformKind.Impulse;

    /// <inheritdoc />
    public override bool ReplacesSubtransforms(string urn) => true;

    /// <inheritdoc />
    public override string? ShapeProblem(Leaf leaf) =>
        leaf.AllInputs.Any() || leaf.Outputs.Count != 1 ? "Impulse needs no input and one output" : null;

    /// <inheritdoc />
    public override void Declare(StageGraphBuilder builder, RunnerTransformPlan plan) => builder.AddImpulse(plan.StageId, plan.Output);
}
