using BeamConformance.Engine;

namespace BeamConformance.ReferenceRunner.Translation.Internal.Preparers;

/// <summary>
/// <c>beam:transform:reshuffle:v1</c> (its SDK expansion is not run) and the <c>redistribute_*</c> leaves: a
/// fusion break whose elements pass through unchanged, windows, timestamps and panes kept, after the producing
/// stage committed them. The engine runs it as a Flatten of one input; its output keeps its input's wire coding.
/// </summary>
internal sealed class ReshufflePreparer : RunnerTransformPreparer
{
    /// <inheritdoc />
    public override string Family => "Reshuffle";

    /// <inheritdoc />
    public override IReadOnlyList<string> Urns { get; } =
        [Model.Urns.Transforms.Reshuffle, Model.Urns.Transforms.RedistributeArbitrarily, Model.Urns.Transforms.RedistributeByKey];

    /// <inheritdoc />
    public override RunnerTransformKind Kind => RunnerTransformKind.Reshuffle;

    /// <inheritdoc />
    /// <remarks>Only Reshuffle: a <c>redistribute_*</c> composite's own subtransforms run.</remarks>
    public override bool ReplacesSubtransforms(string urn) => urn == Model.Urns.Transforms.Reshuffle;

    /// <inheritdoc />
    public override string? ShapeProblem(Leaf leaf) =>
        leaf.MainInputs.Count != 1 || leaf.Outputs.Count != 1 ? "Reshuffle needs one input and one output" : null;

    /// <inheritdoc />
    public override (string Element, string Window)? OutputCoderIds(PipelineGraph graph, WireCodings codings, Leaf leaf) => codings.Ids(leaf.MainInputs[0]);

    /// <inheritdoc />
    public override void Declare(StageGraphBuilder builder, RunnerTransformPlan plan) => builder.AddFlatten(plan.StageId, plan.Inputs, plan.Output);
}
