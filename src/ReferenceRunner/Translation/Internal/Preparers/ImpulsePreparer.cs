using BeamConformance.Engine;

namespace BeamConformance.ReferenceRunner.Translation.Internal.Preparers;

/// <summary>
/// <c>beam:transform:impulse:v1</c>: the runner emits one empty byte array in the global window at the minimum
/// timestamp (the engine's Impulse stage). Its output must be coded <c>beam:coder:bytes:v1</c> (what Beam's SDKs
/// declare): under any other coder the element would not be what the PCollection says it holds, and under a KV coder a
/// GroupByKey reading it would get an element without a key.
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
    public override void Check(PipelineGraph graph, Leaf leaf, List<ValidationProblem> problems)
    {
        if (leaf.Outputs.Count != 1 || !graph.Components.Pcollections.TryGetValue(leaf.Outputs[0], out var output) || !graph.Coders.Contains(output.CoderId))
        {
            return; // The shape check or PipelineGraph reported it.
        }

        var urn = graph.Coders.UrnOf(output.CoderId);
        if (urn != Model.Urns.Coders.Bytes)
        {
            problems.Add(new(leaf.Id, "coder", urn, $"an Impulse output must use {Model.Urns.Coders.Bytes} (Impulse emits one empty byte array)"));
        }
    }

    /// <inheritdoc />
    public override void Declare(StageGraphBuilder builder, RunnerTransformPlan plan) => builder.AddImpulse(plan.StageId, plan.Output);
}
