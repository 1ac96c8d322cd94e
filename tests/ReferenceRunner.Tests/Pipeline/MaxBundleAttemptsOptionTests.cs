using BeamConformance.ReferenceRunner.Translation;
using Google.Protobuf.WellKnownTypes;

namespace BeamConformance.ReferenceRunner.Tests.Translation;

/// <summary>The pipeline option <c>max_bundle_attempts</c>: what it accepts, what Prepare refuses, and the runner's default.</summary>
public sealed class MaxBundleAttemptsOptionTests
{
    public static TheoryData<string, Value?, int, string?> Cases() => new()
    {
        // name, value, attempts with a runner default of 4, problem
        { "absent", null, 4, null },
        { "null", Value.ForNull(), 4, null },
        { "a number", Value.ForNumber(3), 3, null },
        { "the least", Value.ForNumber(1), 1, null },
        { "the greatest", Value.ForNumber(100), 100, null },
        { "digits as a string (Python)", Value.ForString("7"), 7, null },
        { "zero", Value.ForNumber(0), 0, "the pipeline option must be an integer from 1 to 100, got 0" },
        { "above the greatest", Value.ForNumber(101), 0, "the pipeline option must be an integer from 1 to 100, got 101" },
        { "a fraction", Value.ForNumber(2.5), 0, "the pipeline option must be an integer from 1 to 100, got 2.5" },
        { "negative digits", Value.ForString("-2"), 0, "the pipeline option must be an integer from 1 to 100, got \"-2\"" },
        { "not digits", Value.ForString("three"), 0, "the pipeline option must be an integer from 1 to 100, got \"three\"" },
        { "a bool", Value.ForBool(true), 0, "the pipeline option must be an integer from 1 to 100, got a BoolValue" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_option_is_an_integer_from_1_to_100(string name, Value? value, int attempts, string? problem)
    {
        var options = new Struct();
        if (value is not null)
        {
            options.Fields[Model.BeamNames.PipelineOptions.MaxBundleAttempts] = value;
        }

        var found = MaxBundleAttemptsOption.Problem(options);
        Assert.Equal(problem, found?.Message);
        if (problem is null)
        {
            Assert.Equal(attempts, MaxBundleAttemptsOption.ValueOr(options, 4));
        }
        else
        {
            Assert.Equal(("pipeline_options", "max_bundle_attempts", "beam:option:max_bundle_attempts:v1"), (found!.Id, found.Feature, found.Value));
            var error = Assert.Throws<ArgumentException>(() => MaxBundleAttemptsOption.ValueOr(options, 4));
            Assert.StartsWith(problem, error.Message, StringComparison.Ordinal);
        }

        Assert.True(name.Length > 0);
        Assert.Equal(4, MaxBundleAttemptsOption.ValueOr(null, 4));
    }
}
