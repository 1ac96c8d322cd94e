using BeamConformance.Conformance.Checking;
using BeamConformance.Conformance.Scenarios;

namespace BeamConformance.Conformance.Reports;

/// <summary>The result of one scenario, as reports show it.</summary>
/// <param name="Id">The scenario id.</param>
/// <param name="Description">Its description.</param>
/// <param name="Spec">Its spec anchor.</param>
/// <param name="Features">Its feature tags.</param>
/// <param name="Outcome">The outcome after applying the runner's expectations.</param>
/// <param name="Duration">Wall time spent on it.</param>
/// <param name="Details">Why it failed: the expected-vs-actual diff, or empty.</param>
/// <param name="Reason">The expectations file's reason (skips and expected failures), or null.</param>
/// <param name="JobMessages">The job's messages, shown with failures.</param>
public sealed record ScenarioResult(
    ScenarioId Id,
    string Description,
    string Spec,
    IReadOnlyList<string> Features,
    ScenarioOutcome Outcome,
    TimeSpan Duration,
    string Details,
    string? Reason,
    IReadOnlyList<string> JobMessages)
{
    /// <summary>The scenario's area.</summary>
    public string Area => Id.Area;

    /// <summary>Whether this result fails the run.</summary>
    public bool FailsRun => RunnerExpectations.FailsRun(Outcome);

    /// <summary>
    /// The result of <paramref name="scenario"/> under <paramref name="expectations"/>: <paramref name="check"/>
    /// is null when the scenario was not run (skipped).
    /// </summary>
    public static ScenarioResult Of(Scenario scenario, RunnerExpectations expectations, CheckResult? check, TimeSpan duration, IReadOnlyList<string> jobMessages)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(expectations);
        var outcome = expectations.Outcome(scenario.Id, check?.Passed);
        return new ScenarioResult(scenario.Id, scenario.Description, scenario.Spec, scenario.Features, outcome, duration,
            check?.Diff ?? "", expectations.For(scenario.Id)?.Reason, jobMessages);
    }
}
