using BeamConformance.Engine;

namespace BeamConformance.ReferenceRunner.Translation.Internal.Preparers;

/// <summary>
/// <c>beam:transform:group_by_key:v1</c> (also the GroupByKey part of a lifted CombinePerKey): the engine groups
/// by encoded key and window under the input's windowing strategy. The input must be coded
/// <c>beam:coder:kv:v1</c> with a windowing the engine supports; the output is coded
/// <c>KV&lt;K', Iterable&lt;V'&gt;&gt;</c> over the input's runner-safe key and value coders, exactly the bytes the
/// engine builds.
/// </summary>
internal sealed class GroupByKeyPreparer : RunnerTransformPreparer
{
    /// <inheritdoc />
    public override string Family => "GroupByKey";

    /// <inheritdoc />
    public override IReadOnlyList<string> Urns { get; } = [Model.Urns.Transforms.GroupByKey];

    /// <inheritdoc />
    public override RunnerTransformKind Kind => RunnerTransformKind.GroupByKey;

    /// <inheritdoc />
    public override bool ReplacesSubtransforms(string urn) => true;

    /// <inheritdoc />
    public override string? ShapeProblem(Leaf leaf) =>
        leaf.MainInputs.Count != 1 || leaf.Outputs.Count != 1 ? "GroupByKey needs one input and one output" : null;

    /// <inheritdoc />
    public override void Check(PipelineGraph graph, Leaf leaf, List<ValidationProblem> problems)
    {
        if (leaf.MainInputs.Count != 1 || !graph.Components.Pcollections.TryGetValue(leaf.MainInputs[0], out var input))
        {
            return; // The shape check or PipelineGraph reported it.
        }

        if (!graph.Coders.Contains(input.CoderId) || graph.Coders.UrnOf(input.CoderId) != Model.Urns.Coders.Kv)
        {
            problems.Add(new(leaf.Id, "coder", graph.Coders.Contains(input.CoderId) ? graph.Coders.UrnOf(input.CoderId) : input.CoderId, "a GroupByKey input must use beam:coder:kv:v1"));
        }

        if (graph.Components.WindowingStrategies.TryGetValue(input.WindowingStrategyId, out var windowing))
        {
            problems.AddRange(WindowingTranslator.Check(input.WindowingStrategyId, windowing).Where(p => !problems.Contains(p)));
        }
    }

    /// <inheritdoc />
    public override (string Element, string Window)? OutputCoderIds(PipelineGraph graph, WireCodings codings, Leaf leaf)
    {
        var input = codings.Ids(leaf.MainInputs[0]);
        var kv = graph.Coders[input.Element];
        if (kv.Spec?.Urn != Model.Urns.Coders.Kv || kv.ComponentCoderIds.Count != 2)
        {
            throw new PipelineTranslationException([new(leaf.Id, "coder", kv.Spec?.Urn ?? "", "a GroupByKey input must use beam:coder:kv:v1")]);
        }

        return (graph.Coders.Kv(kv.ComponentCoderIds[0], graph.Coders.Iterable(kv.ComponentCoderIds[1])), input.Window);
    }

    /// <inheritdoc />
    public override RunnerTransformPlan Plan(PipelineGraph graph, Leaf leaf, IReadOnlyList<PCollectionId> inputs, PCollectionId output) =>
        base.Plan(graph, leaf, inputs, output) with
        {
            WindowingStrategy = WindowingTranslator.Translate(graph.PCollection(leaf.MainInputs[0]).WindowingStrategyId, graph.WindowingOf(leaf.MainInputs[0])),
        };

    /// <inheritdoc />
    public override void Declare(StageGraphBuilder builder, RunnerTransformPlan plan) =>
        builder.AddGroupByKey(
            plan.StageId,
            plan.Inputs.Single(),
            plan.Output,
            plan.WindowingStrategy ?? throw new InvalidOperationException($"ReferenceRunner bug: GroupByKey '{plan.StageId}' has no windowing strategy"));
}
