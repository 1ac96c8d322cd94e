using BeamConformance.Engine;

namespace BeamConformance.ReferenceRunner.Translation.Internal.Preparers;

/// <summary>
/// <c>beam:transform:flatten:v1</c>: the runner passes every input element to the output unchanged; the fuser
/// re-encodes inputs coded differently from the output (<see cref="Fuser"/>).
/// </summary>
internal sealed class FlattenPreparer : RunnerTransformPreparer
{
    /// <inheritdoc />
    public override string Family => "Flatten";

    /// <inheritdoc />
    public override IReadOnlyList<string> Urns { get; } = [Model.Urns.Transforms.Flatten];

    /// <inheritdoc />
    public override RunnerTransformKind Kind => RunnerTransformKind.Flatten;

    /// <inheritdoc />
    public override bool ReplacesSubtransforms(string urn) => true;

    /// <inheritdoc />
    public override string? ShapeProblem(Leaf leaf) =>
        leaf.MainInputs.Count == 0 || leaf.Outputs.Count != 1 ? "Flatten needs at least one input and one output" : null;

    /// <inheritdoc />
    public override void Declare(StageGraphBuilder builder, RunnerTransformPlan plan) => builder.AddFlatten(plan.StageId, plan.Inputs, plan.Output);
}
