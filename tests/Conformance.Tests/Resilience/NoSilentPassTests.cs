using BeamConformance.Conformance.Checking;
using BeamConformance.Conformance.Running;
using BeamConformance.Conformance.Tests.Scenarios;

namespace BeamConformance.Conformance.Tests.Resilience;

/// <summary>A run that would check nothing, or check the wrong thing, is a usage error (exit code 2) before anything runs.</summary>
public sealed class NoSilentPassTests
{
    private static readonly DirectoryInfo Out = new(Path.Combine(Path.GetTempPath(), "beam-conformance-never-written"));

    [Theory]
    // A filter that matches no id (a feature tag given as id text).
    [InlineData("UsesSessionWindows", null, null, "error: --filter UsesSessionWindows matches none of the")]
    // An area that does not exist.
    [InlineData(null, "windows", null, "error: --area windows matches none of the")]
    // A filter and an area that exist but select nothing together.
    [InlineData("impulse", "pardo", null, "error: --filter impulse --area pardo matches none of the")]
    // A feature tag that is not registered.
    [InlineData(null, null, "UsesSessions", "error: --feature UsesSessions: not a feature tag of testdata/features.yaml")]
    public async Task Selections_that_match_nothing_are_errors(string? filter, string? area, string? feature, string message)
    {
        var stderr = new StringWriter();
        var selection = new ScenarioSelection(filter, area is null ? [] : [area], feature is null ? [] : [feature]);

        var code = await RunCommand.RunAsync(new RunOptions("127.0.0.1:1", "--endpoint", selection, null, Out), new StringWriter(), stderr, TestContext.Current.CancellationToken);

        Assert.Equal(2, code);
        Assert.StartsWith(message, stderr.ToString(), StringComparison.Ordinal);
        Assert.False(Out.Exists);
    }

    [Fact]
    public async Task A_missing_expectations_file_is_an_error()
    {
        var stderr = new StringWriter();
        var missing = new FileInfo(Path.Combine(Path.GetTempPath(), "no-such-expectations.yaml"));

        var code = await RunCommand.RunAsync(new RunOptions("127.0.0.1:1", "--endpoint", ScenarioSelection.All, missing, Out), new StringWriter(), stderr, TestContext.Current.CancellationToken);

        Assert.Equal(2, code);
        Assert.Equal($"error: --expectations {missing.FullName}: the file does not exist" + Environment.NewLine, stderr.ToString());
    }

    [Fact]
    public void An_expectations_entry_naming_no_scenario_is_an_error()
    {
        var expectations = RunnerExpectations.Load("""
            runner: test
            entries:
              - {id: impulse/exact_bytes, status: skip, reason: fine}
              - {id: windowing/no_such_scenario, status: expected_fail, reason: stale}
              - {id: nosucharea/*, status: skip, reason: stale area}
            """, "e.yaml");

        var error = Assert.Throws<SuiteUsageException>(() => SuitePlan.Create(TestData.Root, ScenarioSelection.All, expectations));

        Assert.Equal(
            "e.yaml:4:5: expectations entry 'windowing/no_such_scenario' matches no scenario; remove it or fix the id" + Environment.NewLine
            + "e.yaml:5:5: expectations entry 'nosucharea/*' matches no scenario; remove it or fix the id", error.Message);
    }

    [Fact]
    public void A_scenario_with_an_unregistered_feature_tag_is_an_error()
    {
        var root = Directory.CreateTempSubdirectory("beam-conformance-");
        try
        {
            Directory.CreateDirectory(Path.Combine(root.FullName, "scenarios", "impulse"));
            File.Copy(Path.Combine(TestData.Root, "features.yaml"), Path.Combine(root.FullName, "features.yaml"));
            var text = File.ReadAllText(Path.Combine(TestData.ScenariosRoot, "impulse", "exact_bytes.yaml")).Replace("UsesImpulse", "UsesImpluse", StringComparison.Ordinal);
            var path = Path.Combine(root.FullName, "scenarios", "impulse", "exact_bytes.yaml");
            File.WriteAllText(path, text);

            var error = Assert.Throws<SuiteUsageException>(() => SuitePlan.Create(root.FullName, ScenarioSelection.All, RunnerExpectations.None));

            Assert.Equal($"{path}: feature tag 'UsesImpluse' is not registered in {Path.Combine(root.FullName, "features.yaml")}", error.Message);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
