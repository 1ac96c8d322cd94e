using BeamConformance.Conformance.Scenarios;

namespace BeamConformance.Conformance.Checking;

/// <summary>Checks every capture sink of a scenario against its <c>expect.outputs</c>.</summary>
public static class OutputChecker
{
    /// <summary>
    /// Checks <paramref name="captured"/> (all sinks) against <paramref name="scenario"/>'s expected outputs.
    /// Elements captured by a sink with no expectation are reported as unexpected output.
    /// </summary>
    public static CheckResult Check(Scenario scenario, IReadOnlyList<CapturedElement> captured)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(captured);
        var result = CheckResult.Pass;
        foreach (var (sink, panes) in scenario.Expect.Outputs.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            result = result.And(PaneMatcher.Match(sink, panes, [.. captured.Where(c => c.Sink == sink)]));
        }

        foreach (var stray in captured.Where(c => !scenario.Expect.Outputs.ContainsKey(c.Sink)).GroupBy(c => c.Sink, StringComparer.Ordinal))
        {
            result = result.And(new CheckResult([$"sink '{stray.Key}': no output expected, got {stray.Count()} element(s), first {ScenarioValues.Canonical(stray.First().Value)}"]));
        }

        return result;
    }
}
