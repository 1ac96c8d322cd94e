using BeamConformance.Conformance.Checking;
using BeamConformance.Conformance.Scenarios;

namespace BeamConformance.Conformance.Tests.Scenarios;

public sealed class RunnerExpectationsTests
{
    private const string File = """
        runner: test
        entries:
          - {id: sideinputs/multimap, status: skip, reason: not implemented}
          - {id: windowing/*, status: expected_fail, reason: known bug}
        """;

    [Theory]
    // No entry: the result stands.
    [InlineData("pardo/map_add", true, ScenarioOutcome.Passed)]
    [InlineData("pardo/map_add", false, ScenarioOutcome.Failed)]
    // Skip entry: not run.
    [InlineData("sideinputs/multimap", null, ScenarioOutcome.Skipped)]
    // Area wildcard, expected failure that fails.
    [InlineData("windowing/fixed_assign", false, ScenarioOutcome.ExpectedFailure)]
    // Expected failure that passes: an unexpected pass.
    [InlineData("windowing/fixed_assign", true, ScenarioOutcome.UnexpectedPass)]
    public void Outcome_follows_the_expectations(string id, bool? conformed, ScenarioOutcome outcome)
    {
        var expectations = RunnerExpectations.Load(File, "e.yaml");

        Assert.Equal(outcome, expectations.Outcome(new ScenarioId(id), conformed));
    }

    [Theory]
    // Failures and unexpected passes fail the run; the others do not.
    [InlineData(ScenarioOutcome.Passed, false)]
    [InlineData(ScenarioOutcome.Failed, true)]
    [InlineData(ScenarioOutcome.Skipped, false)]
    [InlineData(ScenarioOutcome.ExpectedFailure, false)]
    [InlineData(ScenarioOutcome.UnexpectedPass, true)]
    public void Which_outcomes_fail_the_run(ScenarioOutcome outcome, bool fails) =>
        Assert.Equal(fails, RunnerExpectations.FailsRun(outcome));

    [Fact]
    public void Stale_entries_are_reported()
    {
        var expectations = RunnerExpectations.Load(File, "e.yaml");

        var stale = expectations.Unmatched([new ScenarioId("windowing/fixed_assign")]);

        Assert.Equal(["sideinputs/multimap"], stale.Select(e => e.Pattern));
    }

    [Theory]
    // Unknown key.
    [InlineData("reason: known bug}", "reason: known bug, why: x}", "e.yaml:4:65: key 'why': unknown key in entry")]
    // Unknown status.
    [InlineData("status: skip", "status: ignore", "key 'status': 'ignore' is not one of: skip, expected_fail")]
    // Malformed id.
    [InlineData("id: windowing/*", "id: windowing", "key 'id': 'windowing' is neither <area>/<behaviour> nor <area>/*")]
    public void Malformed_expectations_are_errors(string find, string replace, string message)
    {
        var error = Assert.Throws<ScenarioFormatException>(() => RunnerExpectations.Load(File.Replace(find, replace, StringComparison.Ordinal), "e.yaml"));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
