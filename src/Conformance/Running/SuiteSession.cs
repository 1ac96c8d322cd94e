using System.Diagnostics;
using BeamConformance.Conformance.Checking;
using BeamConformance.Conformance.Reports;
using BeamConformance.Conformance.Scenarios;

namespace BeamConformance.Conformance.Running;

/// <summary>Runs a set of scenario files one after the other and builds the <see cref="RunReport"/>.</summary>
public static class SuiteSession
{
    /// <summary>
    /// Loads every scenario under <paramref name="scenariosRoot"/> whose id contains <paramref name="filter"/>, runs
    /// those not skipped by <paramref name="expectations"/>, and reports each result to <paramref name="progress"/> as
    /// it comes. A file that fails to load is a failed scenario.
    /// </summary>
    /// <param name="host">The started host.</param>
    /// <param name="scenariosRoot">The <c>testdata/scenarios</c> folder.</param>
    /// <param name="filter">A substring of the ids to run (ordinal), or null for all.</param>
    /// <param name="expectations">The runner's expectations.</param>
    /// <param name="progress">Called after each scenario.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The run's report.</returns>
    public static async Task<RunReport> RunAsync(SuiteHost host, string scenariosRoot, string? filter, RunnerExpectations expectations,
        Action<ScenarioResult>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(expectations);
        var watch = Stopwatch.StartNew();
        var results = new List<ScenarioResult>();
        foreach (var (id, path) in ScenarioLoader.Discover(scenariosRoot))
        {
            if (filter is not null && !id.Value.Contains(filter, StringComparison.Ordinal))
            {
                continue;
            }

            ScenarioResult result;
            Scenario scenario;
            try
            {
                scenario = ScenarioLoader.LoadFile(path, id);
            }
            catch (ScenarioFormatException e)
            {
                result = new ScenarioResult(id, "", "", [], ScenarioOutcome.Failed, TimeSpan.Zero, $"does not load: {e.Message}", null, []);
                results.Add(result);
                progress?.Invoke(result);
                continue;
            }

            if (expectations.For(id)?.Status == ExpectationStatus.Skip)
            {
                result = ScenarioResult.Of(scenario, expectations, null, TimeSpan.Zero, []);
            }
            else
            {
                var run = await host.Runner.RunAsync(scenario, cancellationToken).ConfigureAwait(false);
                result = ScenarioResult.Of(scenario, expectations, run.Check, run.Duration, run.JobMessages);
            }

            results.Add(result);
            progress?.Invoke(result);
        }

        return new RunReport(host.RunnerName, results, watch.Elapsed);
    }
}
