using System.Diagnostics;

namespace BeamConformance.Conformance.Tests.Suite;

/// <summary>
/// BEAM_EXPECTATIONS is strict for the xunit route as for the CLI: this test assembly, run as its own process with the
/// variable naming a missing or stale file, reports one failing row with the reason instead of ignoring the file.
/// </summary>
public sealed class ExpectationsVariableTests
{
    [Theory]
    // A file that does not exist.
    [InlineData(null, "BEAM_EXPECTATIONS={0}: the file does not exist")]
    // An entry that names no scenario.
    [InlineData("runner: x\nentries:\n  - {id: pardo/no_such_scenario, status: skip, reason: stale}\n",
        "BEAM_EXPECTATIONS={0}: {0}:3:5: expectations entry 'pardo/no_such_scenario' matches no scenario; remove it or fix the id")]
    public async Task An_unusable_expectations_file_fails_the_scenario_theory(string? content, string message)
    {
        var path = Path.Combine(Path.GetTempPath(), $"beam-expectations-{Guid.NewGuid():N}.yaml");
        if (content is not null)
        {
            await File.WriteAllTextAsync(path, content, TestContext.Current.CancellationToken);
        }

        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "BeamConformance.Conformance.Tests.dll"), "-method", "*.ScenarioSuiteTests.Scenario_conforms", "-noColor" })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["BEAM_EXPECTATIONS"] = path;
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);

            Assert.NotEqual(0, process.ExitCode);
            Assert.Contains(string.Format(System.Globalization.CultureInfo.InvariantCulture, message, path), output, StringComparison.Ordinal);
            Assert.Contains("Total: 1, Errors: 0, Failed: 1, Skipped: 0", output + await stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
