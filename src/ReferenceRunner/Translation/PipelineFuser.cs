namespace BeamConformance.ReferenceRunner.Translation;

/// <summary>
/// Fuses a validated pipeline (<c>beam_runner_api.proto</c> Pipeline) into executable stages and runner-side
/// transforms: greedy fusion of SDK-executed transforms of one environment; Impulse, Flatten, GroupByKey and
/// Reshuffle run by the runner; CombinePerKey lifted into PreCombine / GroupByKey / MergeAccumulators +
/// ExtractOutputs when its payload and windowing allow it.
/// </summary>
public static class PipelineFuser
{
    /// <summary>Fuses <paramref name="pipeline"/>.</summary>
    /// <param name="pipeline">A pipeline <see cref="PipelineValidator.Validate"/> found no problem in.</param>
    /// <param name="options">What the runner supports; <see cref="TranslationOptions.Default"/> when null.</param>
    /// <returns>The fused pipeline.</returns>
    /// <exception cref="PipelineTranslationException">The pipeline cannot be run (the same problems the validator reports).</exception>
    public static FusedPipeline Fuse(Org.Apache.Beam.Model.Pipeline.V1.Pipeline pipeline, TranslationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return new Internal.Fuser(pipeline, options ?? TranslationOptions.Default).Run();
    }
}
