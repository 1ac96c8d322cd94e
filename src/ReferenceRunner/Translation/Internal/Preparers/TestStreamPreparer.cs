using BeamConformance.Engine;

namespace BeamConformance.ReferenceRunner.Translation.Internal.Preparers;

/// <summary>
/// <c>beam:transform:teststream:v1</c>: a runner-side source, one engine external input per output tag, fed by the
/// executor from the TestStream's events (<see cref="TestStreamPlan"/>). Prepare checks the payload
/// (<see cref="TestStreamTranslator.Check"/>).
/// </summary>
internal sealed class TestStreamPreparer : RunnerTransformPreparer
{
    /// <inheritdoc />
    public override string Family => "TestStream";

    /// <inheritdoc />
    public override IReadOnlyList<string> Urns { get; } = [Model.Urns.Transforms.TestStream];

    /// <inheritdoc />
    public override RunnerTransformKind Kind => RunnerTransformKind.TestStream;

    /// <inheritdoc />
    public override bool ReplacesSubtransforms(string urn) => true;

    /// <inheritdoc />
    public override string? ShapeProblem(Leaf leaf) =>
        leaf.AllInputs.Any() || leaf.Outputs.Count == 0 ? "TestStream needs no input and at least one output" : null;

    /// <inheritdoc />
    public override void Check(PipelineGraph graph, Leaf leaf, List<ValidationProblem> problems) =>
        problems.AddRange(TestStreamTranslator.Check(graph, leaf));

    /// <inheritdoc />
    public override RunnerTransformPlan Plan(PipelineGraph graph, Leaf leaf, IReadOnlyList<PCollectionId> inputs, PCollectionId output) =>
        base.Plan(graph, leaf, inputs, output) with { TestStream = TestStreamTranslator.Plan(graph, leaf) };

    /// <inheritdoc />
    public override void Declare(StageGraphBuilder builder, RunnerTransformPlan plan)
    {
        var testStream = plan.TestStream ?? throw new InvalidOperationException($"ReferenceRunner bug: TestStream '{plan.StageId}' has no plan");
        foreach (var output in testStream.Outputs)
        {
            builder.AddExternalInput(output.Stage, output.PCollection);
        }
    }
}
