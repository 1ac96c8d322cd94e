namespace BeamConformance.ReferenceRunner.Translation;

/// <summary>One reason the runner cannot run a pipeline, found by <see cref="PipelineValidator"/>.</summary>
/// <param name="Id">The id of the transform, PCollection, coder, windowing strategy or environment at fault ("pipeline" for the pipeline itself).</param>
/// <param name="Feature">What is wrong, e.g. "transform URN", "requirement", "window fn", "trigger", "coder", "dangling reference", "cycle", "environment".</param>
/// <param name="Value">The offending value (a URN, an id, a kind).</param>
/// <param name="Message">A sentence saying what is wrong.</param>
public sealed record ValidationProblem(string Id, string Feature, string Value, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Id}: {Feature} '{Value}': {Message}";
}
