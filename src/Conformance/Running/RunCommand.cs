using System.CommandLine;
using System.Globalization;
using BeamConformance.Conformance.Checking;
using BeamConformance.Conformance.Reports;

namespace BeamConformance.Conformance.Running;

/// <summary>
/// The CLI's <c>run</c> command: <c>run [--endpoint HOST:PORT] [--filter TEXT] [--area AREA]... [--feature TAG]...
/// [--expectations FILE] [--out DIR] [--timeout SECONDS] [--fail-fast] [--trace] [--write-expectations FILE]</c>.
/// Validates the plan (<see cref="SuitePlan"/>), checks that the endpoint answers GetJobs, runs the selected scenarios
/// printing <c>[n/N]</c> and a line per scenario, and always writes <c>results.xml</c> (JUnit), <c>results.json</c> and
/// <c>summary.md</c> and <c>report.html</c> (the capability matrix) to the output folder — also when the runner dies or hangs, or the run is interrupted. Exit codes:
/// 0 nothing failed the run, 1 a scenario failed the run (or the run stopped early), 2 usage or setup error (nothing
/// was run), 130 interrupted (Ctrl-C; reports written).
/// </summary>
public static class RunCommand
{
    /// <summary>The exit code of an interrupted run (128 + SIGINT), as shells use.</summary>
    public const int InterruptedExitCode = 130;

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var endpoint = new Option<string?>("--endpoint") { Description = "Job endpoint HOST:PORT or [IPV6]:PORT of the runner under test (default: BEAM_JOB_ENDPOINT, else the embedded ReferenceRunner)" };
        var filter = new Option<string?>("--filter") { Description = "Run only scenarios whose id contains TEXT" };
        var areas = new Option<string[]>("--area") { Description = "Run only scenarios of this area (repeatable), e.g. windowing", AllowMultipleArgumentsPerToken = false };
        var features = new Option<string[]>("--feature") { Description = "Run only scenarios with this feature tag (repeatable), e.g. UsesSessionWindows" };
        var expectations = new Option<FileInfo?>("--expectations") { Description = "The runner's expectations file (skips, expected failures)" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the JUnit XML, JSON and Markdown reports", DefaultValueFactory = _ => new DirectoryInfo("reports") };
        var timeout = new Option<double?>("--timeout") { Description = "Deadline of every scenario in seconds (default: each scenario's timeout_ms)" };
        var failFast = new Option<bool>("--fail-fast") { Description = "Stop after the first failure or unexpected pass (reports are still written)" };
        var trace = new Option<bool>("--trace") { Description = "Print the Fn API traffic the harness saw (descriptors, instructions, data, state); the filters must select one scenario" };
        var writeExpectations = new Option<FileInfo?>("--write-expectations") { Description = "Write an expectations file from this run's failures (failure reason as comment) to FILE" };
        var command = new Command("run", "Run the conformance scenarios against a job endpoint") { endpoint, filter, areas, features, expectations, output, timeout, failFast, trace, writeExpectations };
        command.SetAction((result, ct) =>
        {
            var given = result.GetValue(endpoint);
            var seconds = result.GetValue(timeout);
            if (seconds is <= 0 or > 86_400 || seconds is double.NaN)
            {
                Console.Error.WriteLine($"error: --timeout {seconds?.ToString(CultureInfo.InvariantCulture)}: give seconds greater than 0 (at most 86400)");
                return Task.FromResult(2);
            }

            var options = new RunOptions(
                given ?? SuiteHost.EndpointFromEnvironment(),
                given is null ? SuiteHost.EndpointVariable : "--endpoint",
                new ScenarioSelection(result.GetValue(filter), result.GetValue(areas) ?? [], result.GetValue(features) ?? []),
                result.GetValue(expectations),
                result.GetValue(output)!,
                seconds is { } s ? TimeSpan.FromSeconds(s) : null,
                result.GetValue(failFast),
                result.GetValue(trace),
                result.GetValue(writeExpectations));
            return RunAsync(options, Console.Out, Console.Error, ct);
        });
        return command;
    }

    /// <summary>Runs the suite; see <see cref="RunCommand"/>.</summary>
    /// <param name="options">What to run.</param>
    /// <param name="stdout">Progress, per-scenario lines and the final line.</param>
    /// <param name="stderr">Usage and setup errors.</param>
    /// <param name="cancellationToken">Interrupts the run (Ctrl-C): the reports are written with the results so far.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(RunOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        RunnerExpectations expectations;
        SuitePlan plan;
        string? endpoint;
        try
        {
            endpoint = options.Endpoint is null ? null : JobEndpoint.Parse(options.Endpoint, options.EndpointOrigin).ToString();
            expectations = LoadExpectations(options.ExpectationsFile);
            plan = SuitePlan.Create(SuiteFiles.TestDataRoot(), options.Selection, expectations);
            if (options.Trace && plan.Selected.Count != 1)
            {
                throw new SuiteUsageException($"--trace needs a selection of exactly one scenario; {options.Selection} selects {plan.Selected.Count}");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or Scenarios.ScenarioFormatException or SuiteUsageException)
        {
            await stderr.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return 2;
        }

        await using var host = await SuiteHost.StartAsync(endpoint, cancellationToken).ConfigureAwait(false);
        if (await host.Runner.CheckReachableAsync(options.PreflightTimeout, cancellationToken).ConfigureAwait(false) is { } unreachable)
        {
            await stderr.WriteLineAsync($"error: no Beam job service answers at {host.JobEndpoint} ({options.EndpointOrigin}): {unreachable}. Is the runner started, and is this its job endpoint?").ConfigureAwait(false);
            return 2;
        }

        await stdout.WriteLineAsync($"Runner: {host.RunnerName} (job endpoint {host.JobEndpoint}); {plan.Selected.Count} of {plan.All.Count} scenarios").ConfigureAwait(false);
        var done = 0;
        var report = await SuiteSession.RunAsync(host, plan, expectations, options.Timeout, options.FailFast, (r, run) =>
        {
            done++;
            stdout.WriteLine($"[{done}/{plan.Selected.Count}] {RunReport.OutcomeName(r.Outcome),-16} {r.Id} ({r.Duration.TotalMilliseconds:F0} ms)");
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

            if (options.Trace && run is not null)
            {
                stdout.Write(ProtocolTrace.Format(run.Recording, "    ").Replace("\n", Environment.NewLine, StringComparison.Ordinal));
            }
        }, cancellationToken).ConfigureAwait(false);

        WriteReports(report, options.Output);
        await stdout.WriteLineAsync($"Reports in {options.Output.FullName}; {report.Duration.TotalSeconds:F1} s").ConfigureAwait(false);
        if (options.WriteExpectations is { } written)
        {
            written.Directory?.Create();
            ExpectationsWriter.Write(report, ReferenceEquals(expectations, RunnerExpectations.None) ? report.Runner : expectations.Runner, written.FullName);
            await stdout.WriteLineAsync($"Expectations written to {written.FullName}: run with --expectations {written.FullName} for a green gate").ConfigureAwait(false);
        }
        if (report.Stopped is { } stopped)
        {
            await stdout.WriteLineAsync($"The run is incomplete: {stopped}").ConfigureAwait(false);
        }

        await stdout.WriteLineAsync(FinalLine(report)).ConfigureAwait(false);
        return cancellationToken.IsCancellationRequested ? InterruptedExitCode : report.Succeeded ? 0 : 1;
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

        if (report.Planned > report.Results.Count)
        {
            line += $", {report.Planned - report.Results.Count} not run";
        }

        return line;
    }

    /// <summary>The expectations file, strictly: a named file must exist.</summary>
    /// <exception cref="SuiteUsageException">The file does not exist.</exception>
    /// <exception cref="Scenarios.ScenarioFormatException">The file does not follow the format.</exception>
    public static RunnerExpectations LoadExpectations(FileInfo? file)
    {
        if (file is null)
        {
            return RunnerExpectations.None;
        }

        if (!file.Exists)
        {
            throw new SuiteUsageException($"--expectations {file.FullName}: the file does not exist");
        }

        return RunnerExpectations.LoadFile(file.FullName);
    }

    private static void WriteReports(RunReport report, DirectoryInfo output)
    {
        output.Create();
        using (var junit = File.Create(Path.Combine(output.FullName, "results.xml")))
        {
            JUnitReport.Write(report, junit);
        }

        using (var json = File.Create(Path.Combine(output.FullName, "results.json")))
        {
            JsonResultsReport.Write(report, json);
        }

        using (var markdown = File.Create(Path.Combine(output.FullName, "summary.md")))
        {
            MarkdownSummaryReport.Write(report, markdown);
        }

        using (var html = File.Create(Path.Combine(output.FullName, "report.html")))
        {
            CapabilityMatrixReport.Write([report], html);
        }
    }
}
