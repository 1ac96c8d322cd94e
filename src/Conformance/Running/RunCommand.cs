using System.CommandLine;
using BeamConformance.Conformance.Checking;
using BeamConformance.Conformance.Reports;

namespace BeamConformance.Conformance.Running;

/// <summary>
/// The CLI's <c>run</c> command: <c>run [--endpoint HOST:PORT] [--filter TEXT] [--expectations FILE] [--out DIR]</c>.
/// Runs the suite against the endpoint (default: <c>BEAM_JOB_ENDPOINT</c>, else an embedded ReferenceRunner), prints a
/// line per scenario and the final line <c>N passed, M failed</c> (then <c>, K skipped</c> etc. when non-zero), and
/// writes <c>results.xml</c> (JUnit), <c>results.json</c> and <c>summary.md</c> to the output folder. Exit code 0 when
/// nothing failed the run, 1 otherwise, 2 on a usage or setup error.
/// </summary>
public static class RunCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var endpoint = new Option<string?>("--endpoint") { Description = "Job endpoint HOST:PORT of the runner under test (default: BEAM_JOB_ENDPOINT, else the embedded ReferenceRunner)" };
        var filter = new Option<string?>("--filter") { Description = "Run only scenarios whose id contains TEXT" };
        var expectations = new Option<FileInfo?>("--expectations") { Description = "The runner's expectations file (skips, expected failures)" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the JUnit XML, JSON and Markdown reports", DefaultValueFactory = _ => new DirectoryInfo("reports") };
        var command = new Command("run", "Run the conformance scenarios against a job endpoint") { endpoint, filter, expectations, output };
        command.SetAction((result, ct) => RunAsync(result.GetValue(endpoint), result.GetValue(filter), result.GetValue(expectations), result.GetValue(output)!, Console.Out, Console.Error, ct));
        return command;
    }

    /// <summary>Runs the suite; see <see cref="RunCommand"/>.</summary>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string? endpoint, string? filter, FileInfo? expectationsFile, DirectoryInfo output, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        string testData;
        RunnerExpectations expectations;
        try
        {
            testData = SuiteFiles.TestDataRoot();
            expectations = expectationsFile is null ? RunnerExpectations.None : RunnerExpectations.LoadFile(expectationsFile.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or Scenarios.ScenarioFormatException)
        {
            await stderr.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return 2;
        }

        await using var host = await SuiteHost.StartAsync(endpoint ?? SuiteHost.EndpointFromEnvironment(), cancellationToken).ConfigureAwait(false);
        await stdout.WriteLineAsync($"Runner: {host.RunnerName} (job endpoint {host.JobEndpoint})").ConfigureAwait(false);
        var report = await SuiteSession.RunAsync(host, Path.Combine(testData, "scenarios"), filter, expectations, r =>
        {
            stdout.WriteLine($"{RunReport.OutcomeName(r.Outcome),-16} {r.Id} ({r.Duration.TotalMilliseconds:F0} ms)");
            if (r.FailsRun)
            {
                foreach (var line in r.Details.Split('\n'))
                {
                    stdout.WriteLine($"    {line.TrimEnd('\r')}");
                }

                foreach (var message in r.JobMessages)
                {
                    stdout.WriteLine($"    job: {message}");
                }
            }
        }, cancellationToken).ConfigureAwait(false);

        output.Create();
        await using (var junit = File.Create(Path.Combine(output.FullName, "results.xml")))
        {
            JUnitReport.Write(report, junit);
        }

        await using (var json = File.Create(Path.Combine(output.FullName, "results.json")))
        {
            JsonResultsReport.Write(report, json);
        }

        await using (var markdown = File.Create(Path.Combine(output.FullName, "summary.md")))
        {
            MarkdownSummaryReport.Write(report, markdown);
        }

        await stdout.WriteLineAsync($"Reports in {output.FullName}; {report.Duration.TotalSeconds:F1} s").ConfigureAwait(false);
        await stdout.WriteLineAsync(FinalLine(report)).ConfigureAwait(false);
        return report.Succeeded ? 0 : 1;
    }

    /// <summary><c>N passed, M failed</c>, then <c>, K skipped</c>, <c>, X expected failures</c>, <c>, U unexpected passes</c> when non-zero.</summary>
    public static string FinalLine(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var line = $"{report.Count(ScenarioOutcome.Passed)} passed, {report.Count(ScenarioOutcome.Failed)} failed";
        foreach (var (outcome, name) in new[] { (ScenarioOutcome.Skipped, "skipped"), (ScenarioOutcome.ExpectedFailure, "expected failures"), (ScenarioOutcome.UnexpectedPass, "unexpected passes") })
        {
            if (report.Count(outcome) is var n and > 0)
            {
                line += $", {n} {name}";
            }
        }

        return line;
    }
}
