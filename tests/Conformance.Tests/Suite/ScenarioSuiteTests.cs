using BeamConformance.Conformance.Checking;
using BeamConformance.Conformance.Reports;
using BeamConformance.Conformance.Running;
using BeamConformance.Conformance.Scenarios;
using BeamConformance.Conformance.Tests.Scenarios;

namespace BeamConformance.Conformance.Tests.Suite;

/// <summary>
/// Every scenario under testdata/scenarios as its own test case (trait <c>category=scenario</c>), run against
/// BEAM_JOB_ENDPOINT or the embedded ReferenceRunner; skips and expected failures come from
/// testdata/expectations/reference.yaml (embedded runner) or the file named by BEAM_EXPECTATIONS. That file is strict,
/// as for the CLI: when it does not exist, does not load, or has an entry matching no scenario, the theory has one row,
/// <c>(expectations invalid)</c>, that fails with the reason.
/// </summary>
public sealed class ScenarioSuiteTests(SuiteFixture fixture)
{
    /// <summary>The row label standing for every scenario when the expectations file is unusable.</summary>
    public const string InvalidExpectations = "(expectations invalid)";

    private static readonly (RunnerExpectations Expectations, string? Error) Loaded = LoadExpectations();

    private static RunnerExpectations Expectations => Loaded.Expectations;

    /// <summary>One row per scenario id: label = id, traits category, area and feature, skip per the expectations file.</summary>
    public static IEnumerable<TheoryDataRow<string>> Scenarios()
    {
        if (Loaded.Error is not null)
        {
            yield return new TheoryDataRow<string>(InvalidExpectations) { Label = InvalidExpectations }.WithTrait("category", "scenario");
            yield break;
        }

        foreach (var (id, path) in ScenarioLoader.Discover(TestData.ScenariosRoot))
        {
            var row = new TheoryDataRow<string>(id.Value) { Label = id.Value };
            row.WithTrait("category", "scenario");
            row.WithTrait("area", id.Area);
            try
            {
                foreach (var feature in ScenarioLoader.LoadFile(path, id).Features)
                {
                    row.WithTrait("feature", feature);
                }
            }
            catch (ScenarioFormatException)
            {
                // The test case itself reports the load error.
            }

            if (Expectations.For(id) is { Status: ExpectationStatus.Skip } skip)
            {
                row.Skip = skip.Reason;

                // The label carries the reason, so that the console of a plain `dotnet test` shows why it was skipped.
                row.Label = $"{id.Value} (skip: {skip.Reason})";
            }

            yield return row;
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Scenario_conforms(string id)
    {
        if (Loaded.Error is { } error)
        {
            Assert.Fail(error);
        }

        var scenarioId = new ScenarioId(id);
        var scenario = ScenarioLoader.LoadFile(Path.Combine(TestData.ScenariosRoot, id + ".yaml"), scenarioId);
        var host = await fixture.HostAsync();
        var run = await host.Runner.RunAsync(scenario, TestContext.Current.CancellationToken);
        var result = ScenarioResult.Of(scenario, Expectations, run.Check, run.Duration, run.JobMessages);
        if (result.FailsRun)
        {
            Assert.Fail($"{id}: {RunReport.OutcomeName(result.Outcome)}{Environment.NewLine}{run.Check.Diff}"
                + (run.JobMessages.Count == 0 ? "" : $"{Environment.NewLine}job messages:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", run.JobMessages)}"));
        }
    }

    private static (RunnerExpectations, string?) LoadExpectations()
    {
        var named = Environment.GetEnvironmentVariable("BEAM_EXPECTATIONS") is { Length: > 0 } n ? n : null;
        var path = named ?? (Environment.GetEnvironmentVariable("BEAM_JOB_ENDPOINT") is { Length: > 0 }
            ? null
            : Path.Combine(TestData.Root, "expectations", "reference.yaml"));
        if (path is null)
        {
            return (RunnerExpectations.None, null);
        }

        var origin = named is null ? path : $"BEAM_EXPECTATIONS={named}";
        try
        {
            if (!File.Exists(path))
            {
                return (RunnerExpectations.None, $"{origin}: the file does not exist");
            }

            var expectations = RunnerExpectations.LoadFile(path);
            SuitePlan.Create(TestData.Root, ScenarioSelection.All, expectations);
            return (expectations, null);
        }
        catch (Exception e) when (e is IOException or ScenarioFormatException or SuiteUsageException)
        {
            return (RunnerExpectations.None, $"{origin}: {e.Message}");
        }
    }
}
