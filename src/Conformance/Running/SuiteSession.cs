using System.Diagnostics;
using BeamConformance.Conformance.Checking;
using BeamConformance.Conformance.Reports;
using BeamConformance.Conformance.Scenarios;

namespace BeamConformance.Conformance.Running;

/// <summary>Runs a <see cref="SuitePlan"/>'s selected scenarios one after the other and builds the <see cref="RunReport"/>.</summary>
public static class SuiteSession
{
    /// <summary>
    /// Runs the selected scenarios of <paramref name="plan"/> not skipped by <paramref name="expectations"/>, each within
    /// its deadline, and reports each result to <paramref name="progress"/> as it comes. A file that fails to load, and a
    /// runner that dies, hangs or answers garbage, fail the scenarios concerned; the run goes on. It stops early after
    /// the first result that fails the run when <paramref name="failFast"/> is set, and when
    /// <paramref name="cancellationToken"/> is cancelled (Ctrl-C): the report then holds the results so far and says why
    /// it stopped. It never throws for either.
    /// </summary>
    /// <param name="host">The started host.</param>
    /// <param name="plan">The validated plan.</param>
    /// <param name="expectations">The runner's expectations.</param>
    /// <param name="timeout">Every scenario's deadline; null for each scenario's own <c>timeout_ms</c>.</param>
    /// <param name="failFast">Stop after the first failure or unexpected pass.</param>
    /// <param name="progress">Called after each scenario with its result and, when it ran, what the run recorded.</param>
    /// <param name="cancellationToken">Stops the run early.</param>
    /// <returns>The run's report.</returns>
    public static async Task<RunReport> RunAsync(SuiteHost host, SuitePlan plan, RunnerExpectations expectations, TimeSpan? timeout, bool failFast,
        Action<ScenarioResult, ScenarioRun?>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(expectations);
        var watch = Stopwatch.StartNew();
        var results = new List<ScenarioResult>();
        string? stopped = null;
        foreach (var (id, scenario, loadError) in plan.Selected)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                stopped = Interrupted(results.Count, plan.Selected.Count);
                break;
            }

            ScenarioResult result;
            ScenarioRun? run = null;
            if (scenario is null)
            {
                result = new ScenarioResult(id, "", "", [], ScenarioOutcome.Failed, TimeSpan.Zero, loadError ?? "does not load", null, []);
            }
            else if (expectations.For(id)?.Status == ExpectationStatus.Skip)
            {
                result = ScenarioResult.Of(scenario, expectations, null, TimeSpan.Zero, []);
            }
            else
            {
                try
                {
                    run = await host.Runner.RunAsync(scenario, timeout, cancellationToken).ConfigureAwait(false);
                    result = ScenarioResult.Of(scenario, expectations, run.Check, run.Duration, run.JobMessages);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    stopped = Interrupted(results.Count, plan.Selected.Count) + $"; {id} was cancelled and is not reported";
                    break;
                }
            }

            results.Add(result);
            progress?.Invoke(result, run);
            if (failFast && result.FailsRun && results.Count < plan.Selected.Count)
            {
                stopped = $"stopped by --fail-fast after {id}; {plan.Selected.Count - results.Count} of {plan.Selected.Count} scenarios not run";
                break;
            }
        }

        return new RunReport(host.RunnerName, results, watch.Elapsed) { Planned = plan.Selected.Count, Stopped = stopped };
    }

    private static string Interrupted(int done, int planned) => $"interrupted after {done} of {planned} scenarios";
}
