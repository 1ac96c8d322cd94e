using BeamConformance.Engine;

namespace BeamConformance.ReferenceRunner.Translation;

/// <summary>
/// A pipeline after fusion (<see cref="PipelineFuser.Fuse"/>): executable stages run by SDK workers and the
/// runner-side transforms between them, with the wire coding of every PCollection the runner handles.
/// </summary>
public sealed class FusedPipeline
{
    private readonly Dictionary<PCollectionId, WireCoding> _codings;

    internal FusedPipeline(
        Org.Apache.Beam.Model.Pipeline.V1.Pipeline pipeline,
        IReadOnlyList<ExecutableStagePlan> stages,
        IReadOnlyList<RunnerTransformPlan> runnerTransforms,
        Dictionary<PCollectionId, WireCoding> codings)
    {
        Pipeline = pipeline;
        Stages = stages;
        RunnerTransforms = runnerTransforms;
        _codings = codings;
    }

    /// <summary>The pipeline as submitted.</summary>
    public Org.Apache.Beam.Model.Pipeline.V1.Pipeline Pipeline { get; }

    /// <summary>The executable stages, producers before consumers.</summary>
    public IReadOnlyList<ExecutableStagePlan> Stages { get; }

    /// <summary>The runner-side transforms (Impulse, Flatten, GroupByKey, Reshuffle), producers before consumers.</summary>
    public IReadOnlyList<RunnerTransformPlan> RunnerTransforms { get; }

    /// <summary>The pipeline's TestStreams in transform-id order (their outputs are <see cref="RunnerTransformKind.TestStream"/> transforms).</summary>
    public IReadOnlyList<TestStreamPlan> TestStreams =>
        [.. RunnerTransforms.Select(static t => t.TestStream).OfType<TestStreamPlan>().OrderBy(static t => t.TransformId, StringComparer.Ordinal)];

    /// <summary>Every engine PCollection (the PCollections between stages) with its wire coding.</summary>
    public IReadOnlyDictionary<PCollectionId, WireCoding> PCollections => _codings;

    /// <summary>The wire coding of an engine PCollection.</summary>
    /// <exception cref="KeyNotFoundException">The PCollection is not one the runner handles (e.g. internal to a stage).</exception>
    public WireCoding CodingOf(PCollectionId pcollection) =>
        _codings.TryGetValue(pcollection, out var coding)
            ? coding
            : throw new KeyNotFoundException($"PCollection '{pcollection}' does not cross a stage boundary");

    /// <summary>The executable stage with id <paramref name="stageId"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such SDK stage.</exception>
    public ExecutableStagePlan StageOf(StageId stageId) =>
        Stages.FirstOrDefault(s => s.StageId == stageId) ?? throw new KeyNotFoundException($"no executable stage '{stageId}'");

    /// <summary>
    /// The same translation for <paramref name="staged"/>, the pipeline after artifact staging (which rewrites
    /// only the environments' dependencies): its descriptors carry the staged environments. Nothing is translated again.
    /// </summary>
    /// <param name="staged">The staged pipeline (the same transforms, PCollections, coders and environment ids).</param>
    internal FusedPipeline WithStagedPipeline(Org.Apache.Beam.Model.Pipeline.V1.Pipeline staged) =>
        new(staged, [.. Stages.Select(s => s.WithEnvironments(staged.Components.Environments))], RunnerTransforms, _codings);

    /// <summary>Declares every stage and runner transform to a <see cref="StageGraphBuilder"/> and builds the engine graph.</summary>
    /// <exception cref="ArgumentException">ReferenceRunner bug: the fused graph is inconsistent (the engine's own validation).</exception>
    public StageGraph BuildEngineGraph() => Internal.EngineGraphFactory.Build(this);
}
