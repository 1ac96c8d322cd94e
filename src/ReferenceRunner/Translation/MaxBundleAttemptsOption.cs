using System.Globalization;
using BeamConformance.Model;
using Google.Protobuf.WellKnownTypes;

namespace BeamConformance.ReferenceRunner.Translation;

/// <summary>
/// The pipeline option <c>max_bundle_attempts</c> (<see cref="BeamNames.PipelineOptions.MaxBundleAttempts"/>, how an SDK
/// sends <c>--max_bundle_attempts=N</c>): how many times a failed bundle is run before its failure fails the job, from
/// <see cref="Min"/> to <see cref="Max"/>; a number (Java's and Go's SDKs send integers as numbers) or a string of
/// digits (Python sends an option it does not know as a string). Absent or null: the runner's
/// <c>--max-bundle-attempts</c> (src/ReferenceRunner/README.md, "Bundle retries").
/// </summary>
public static class MaxBundleAttemptsOption
{
    /// <summary>The least value: 1, one attempt (no retry).</summary>
    public const int Min = 1;

    /// <summary>The greatest value, 100: a bundle that fails a hundred times will not succeed by retrying.</summary>
    public const int Max = 100;

    /// <summary>The job's attempts per bundle: the option when set, else <paramref name="runnerDefault"/>.</summary>
    /// <exception cref="ArgumentException">The option is set but invalid (<see cref="Problem"/> is not null; Prepare refuses it first).</exception>
    public static int ValueOr(Struct? pipelineOptions, int runnerDefault)
    {
        if (Read(pipelineOptions) is not { } read)
        {
            return runnerDefault;
        }

        return read.Value ?? throw new ArgumentException(read.Problem, nameof(pipelineOptions));
    }

    /// <summary>The problem of a <c>max_bundle_attempts</c> option that is set but not an integer from 1 to 100 (Prepare refuses it), else null.</summary>
    public static ValidationProblem? Problem(Struct? pipelineOptions) =>
        Read(pipelineOptions) is { Problem: { } problem }
            ? new ValidationProblem("pipeline_options", "max_bundle_attempts", BeamNames.PipelineOptions.MaxBundleAttempts, problem)
            : null;

    // Null when absent or null; else the value or the problem.
    private static (int? Value, string? Problem)? Read(Struct? pipelineOptions)
    {
        if (pipelineOptions?.Fields.TryGetValue(BeamNames.PipelineOptions.MaxBundleAttempts, out var value) != true
            || value.KindCase == Value.KindOneofCase.NullValue)
        {
            return null;
        }

        double? number = value.KindCase switch
        {
            Value.KindOneofCase.NumberValue => value.NumberValue,
            Value.KindOneofCase.StringValue when long.TryParse(value.StringValue, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
        var shown = value.KindCase switch
        {
            Value.KindOneofCase.NumberValue => value.NumberValue.ToString(CultureInfo.InvariantCulture),
            Value.KindOneofCase.StringValue => $"\"{value.StringValue}\"",
            _ => $"a {value.KindCase}",
        };
        return number is { } n && n == Math.Floor(n) && n >= Min && n <= Max
            ? ((int)n, null)
            : (null, $"the pipeline option must be an integer from {Min} to {Max}, got {shown}");
    }
}
