namespace BeamConformance.ReferenceRunner.Translation;

/// <summary>
/// The sizes and depths of a pipeline the runner accepts at Prepare. Each is checked before (or instead of)
/// recursing, so that no pipeline can exhaust the server's stack; a pipeline over a limit is refused with
/// INVALID_ARGUMENT naming the limit and where it was exceeded. Real SDK pipelines stay far below them
/// (the TypeScript and Python SDKs nest composites a dozen deep and coders a handful deep).
/// </summary>
public static class PipelineLimits
{
    /// <summary>Most transforms in <c>Components.transforms</c>: 100,000.</summary>
    public const int MaxTransforms = 100_000;

    /// <summary>Deepest nesting of composite transforms (a root transform is depth 1): 256.</summary>
    public const int MaxCompositeDepth = 256;

    /// <summary>Deepest nesting of component coders: <see cref="Model.Coders.CoderRegistry.MaxDepth"/> (64).</summary>
    public const int MaxCoderDepth = Model.Coders.CoderRegistry.MaxDepth;
}
