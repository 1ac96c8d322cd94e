using BeamConformance.Conformance.Checking;

namespace BeamConformance.Conformance.Reports;

/// <summary>A whole run: the runner checked, each scenario's result (sorted by id) and the wall time.</summary>
/// <param name="Runner">The runner's name (or its endpoint).</param>
/// <param name="Results">Scenario results.</param>
/// <param name="Duration">Wall time of the whole run.</param>
public sealed record RunReport(string Runner, IReadOnlyList<ScenarioResult> Results, TimeSpan Duration)
{
    /// <summary>Results in id order.</summary>
    public IReadOnlyList<ScenarioResult> Ordered { get; } = [.. Results.OrderBy(r => r.Id)];

    /// <summary>How many results have <paramref name="outcome"/>.</summary>
    public int Count(ScenarioOutcome outcome) => Results.Count(r => r.Outcome == outcome);

    /// <summary>How many scenarios the run meant to check (the selected ones); equals the results' count unless it stopped early.</summary>
    public int Planned { get; init; } = Results.Count;

    /// <summary>Why the run stopped before checking every planned scenario (interrupted, <c>--fail-fast</c>), or null.</summary>
    public string? Stopped { get; init; }

    /// <summary>True when the run was complete, no scenario failed and none passed unexpectedly.</summary>
    public bool Succeeded => Stopped is null && !Results.Any(r => r.FailsRun);

    /// <summary>The one-line summary: <c>N passed, M failed (S skipped, X expected failures, U unexpected passes)</c>.</summary>
    public string SummaryLine =>
        $"{Count(ScenarioOutcome.Passed)} passed, {Count(ScenarioOutcome.Failed)} failed "
        + $"({Count(ScenarioOutcome.Skipped)} skipped, {Count(ScenarioOutcome.ExpectedFailure)} expected failures, {Count(ScenarioOutcome.UnexpectedPass)} unexpected passes)";

    /// <summary>The snake_case name of an outcome used in JSON and Markdown.</summary>
    public static string OutcomeName(ScenarioOutcome outcome) => outcome switch
    {
        ScenarioOutcome.Passed => "passed",
        ScenarioOutcome.Failed => "failed",
        ScenarioOutcome.Skipped => "skipped",
        ScenarioOutcome.ExpectedFailure => "expected_failure",
        _ => "unexpected_pass",
    };
}
