using BeamConformance.Conformance.Scenarios;

namespace BeamConformance.Conformance.Checking;

/// <summary>Checks how a job ended against a scenario's <c>expect.failure</c> (or its absence).</summary>
public static class FailureChecker
{
    /// <summary>
    /// With no expected failure the job must have been prepared and ended DONE. With one, the failure must
    /// happen in the given phase with the given status / final state and message fragments.
    /// </summary>
    public static CheckResult Check(ExpectedFailure? expected, ObservedOutcome observed)
    {
        ArgumentNullException.ThrowIfNull(observed);
        var problems = new List<string>();
        var prepared = observed.PrepareStatus == "OK";
        if (expected is null)
        {
            if (!prepared)
            {
                problems.Add($"Prepare failed with {observed.PrepareStatus}: {observed.PrepareMessage}");
            }
            else if (observed.FinalState != JobState.Done)
            {
                problems.Add($"job ended {Name(observed.FinalState)}, expected DONE{Messages(observed)}");
            }

            return new CheckResult(problems);
        }

        if (expected.Phase == FailurePhase.Prepare)
        {
            if (prepared)
            {
                problems.Add($"Prepare succeeded; expected it to fail with {expected.Status ?? "an error"}");
                return new CheckResult(problems);
            }

            if (expected.Status is { } status && status != observed.PrepareStatus)
            {
                problems.Add($"Prepare failed with {observed.PrepareStatus}, expected {status}: {observed.PrepareMessage}");
            }

            problems.AddRange(Missing(expected.MessageContains, [observed.PrepareMessage], "Prepare's status detail"));
            return new CheckResult(problems);
        }

        if (!prepared)
        {
            problems.Add($"Prepare failed with {observed.PrepareStatus} ({observed.PrepareMessage}); expected the job to run and fail");
            return new CheckResult(problems);
        }

        var wanted = expected.JobState ?? JobState.Failed;
        if (observed.FinalState != wanted)
        {
            problems.Add($"job ended {Name(observed.FinalState)}, expected {Name(wanted)}{Messages(observed)}");
        }

        problems.AddRange(Missing(expected.MessageContains, observed.Messages, "the job's messages"));
        return new CheckResult(problems);
    }

    private static IEnumerable<string> Missing(IReadOnlyList<string> fragments, IReadOnlyList<string> texts, string where) =>
        fragments.Where(f => !texts.Any(t => t.Contains(f, StringComparison.Ordinal)))
            .Select(f => $"'{f}' not found in {where}: {(texts.Count == 0 ? "(none)" : string.Join(" | ", texts))}");

    private static string Name(JobState? state) => state?.ToString().ToUpperInvariant() ?? "(not ended)";

    private static string Messages(ObservedOutcome o) => o.Messages.Count == 0 ? "" : $"; messages: {string.Join(" | ", o.Messages)}";
}
