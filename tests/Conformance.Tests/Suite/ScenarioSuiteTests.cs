using BeamConformance.Conformance.Checking;
using BeamConformance.Conformance.Reports;
using BeamConformance.Conformance.Scenarios;
using BeamConformance.Conformance.Tests.Scenarios;

namespace BeamConformance.Conformance.Tests.Suite;

/// <summary>
/// Every scenario under testdata/scenarios as its own test case, run against BEAM_JOB_ENDPOINT or the embedded
/// ReferenceRunner; skips and expected failures come from testdata/expectations/reference.yaml (embedded runner)
/// or the file named by BEAM_EXPECTATIONS.
/// </summary>
public sealed class ScenarioSuiteTests(SuiteFixture fixture)
{
    private static readonly RunnerExpectations Expectations = LoadExpectations();

    /// <summary>One row per scenario id: label = id, traits area and feature, skip per the expectations file.</summary>
    public static IEnumerable<TheoryDataRow<string>> Scenarios()
    {
        foreach (var (id, path) in ScenarioLoader.Discover(TestData.ScenariosRoot))
        {
            var row = new TheoryDataRow<string>(id.Value) { Label = id.Value };
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
            }

            yield return row;
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Scenario_conforms(string id)
    {
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

    private static RunnerExpectations LoadExpectations()
    {
        var path = Environment.GetEnvironmentVariable("BEAM_EXPECTATIONS") is { Length: > 0 } named
            ? named
            : Environment.GetEnvironmentVariable("BEAM_JOB_ENDPOINT") is { Length: > 0 }
                ? null
                : Path.Combine(TestData.Root, "expectations", "reference.yaml");
        return path is not null && File.Exists(path) ? RunnerExpectations.LoadFile(path) : RunnerExpectations.None;
    }
}
