using System.Text;

namespace BeamConformance.ReferenceRunner.Translation;

/// <summary>
/// Checks at Prepare that the runner can run a pipeline, collecting every problem at once: unknown leaf
/// transform URNs, unknown <c>beam:requirement:*</c>, unsupported window fns, triggers, coders, state specs,
/// timers and splittable DoFns, dangling ids, cycles, missing environments and environments the runner cannot
/// start workers for (DOCKER; PROCESS unless allowed; payloads without an endpoint or command).
/// </summary>
public static class PipelineValidator
{
    /// <summary>Validates <paramref name="pipeline"/>.</summary>
    /// <param name="pipeline">The pipeline as submitted.</param>
    /// <param name="options">What the runner supports; <see cref="TranslationOptions.Default"/> when null.</param>
    /// <returns>Every problem found, in a deterministic order; empty when the runner can run the pipeline.</returns>
    public static IReadOnlyList<ValidationProblem> Validate(Org.Apache.Beam.Model.Pipeline.V1.Pipeline pipeline, TranslationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return new Internal.Validator(pipeline, options ?? TranslationOptions.Default).Run();
    }

    /// <summary>The first line of <see cref="Format"/>: <c>pipeline not supported by the ReferenceRunner (N problems):</c>.</summary>
    /// <param name="count">How many problems.</param>
    public static string Summary(int count) =>
        $"pipeline not supported by the ReferenceRunner ({count} {(count == 1 ? "problem" : "problems")}):";

    /// <summary>
    /// One message listing each problem on its own line, for an INVALID_ARGUMENT status:
    /// <c>pipeline not supported by the ReferenceRunner (N problems):</c> then <c>- id: feature 'value': message</c>.
    /// </summary>
    public static string Format(IReadOnlyList<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var text = new StringBuilder(Summary(problems.Count));
        foreach (var problem in problems)
        {
            text.Append('\n').Append("- ").Append(problem);
        }

        return text.ToString();
    }
}
