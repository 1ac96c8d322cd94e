namespace BeamConformance.ReferenceRunner.Translation;

/// <summary>What the runner supports beyond the pipeline itself, for <see cref="PipelineValidator"/> and <see cref="PipelineFuser"/>.</summary>
public sealed record TranslationOptions
{
    /// <summary>The runner's defaults: PROCESS environments refused (as <c>ReferenceRunnerOptions</c>).</summary>
    public static TranslationOptions Default { get; } = new();

    /// <summary>
    /// Whether <c>beam:env:process:v1</c> environments are accepted (the runner's <c>--allow-process-environment</c>:
    /// the pipeline names the command the runner would start). Which environments the runner can start workers for
    /// is decided in one place, the runner's environment support, both at Prepare and when a worker is started.
    /// </summary>
    public bool AllowProcessEnvironment { get; init; }

    /// <summary>
    /// Whether the job is drained (the pipeline option <c>drain</c>, <see cref="Model.BeamNames.PipelineOptions.Drain"/>):
    /// splittable DoFns are expanded with <c>beam:transform:sdf_truncate_sized_restrictions:v1</c> before Process.
    /// </summary>
    public bool Drain { get; init; }
}
