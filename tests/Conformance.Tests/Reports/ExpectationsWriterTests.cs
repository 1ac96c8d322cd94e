using BeamConformance.Conformance.Checking;
using BeamConformance.Conformance.Reports;
using BeamConformance.Conformance.Running;
using BeamConformance.Conformance.Scenarios;

namespace BeamConformance.Conformance.Tests.Reports;

public sealed class ExpectationsWriterTests
{
    // One of each outcome; the failure's diff has quotes, a backslash and more lines than are kept.
    private static RunReport Report() => new("127.0.0.1:8099", [
        new(new ScenarioId("pardo/map_add"), "", "", ["UsesParDo"], ScenarioOutcome.Passed, TimeSpan.Zero, "", null, []),
        new(new ScenarioId("groupbykey/fixed"), "", "", ["UsesGroupByKey"], ScenarioOutcome.Failed, TimeSpan.Zero,
            "sink 'Out': 1 expected pane(s), 2 actual pane(s) \"a\\b\"\n  l2\n  l3\n  l4\n  l5\n  l6\n  l7\n  l8", null, []),
        new(new ScenarioId("groupbykey/sessions"), "", "", ["UsesGroupByKey"], ScenarioOutcome.Skipped, TimeSpan.Zero, "", "no merging", []),
        new(new ScenarioId("pardo/fail_on"), "", "", ["UsesParDo"], ScenarioOutcome.ExpectedFailure, TimeSpan.Zero, "job ended DONE", "known", []),
        new(new ScenarioId("pardo/multi"), "", "", ["UsesParDo"], ScenarioOutcome.UnexpectedPass, TimeSpan.Zero, "", "was broken", []),
    ], TimeSpan.FromSeconds(1));

    [Fact]
    public void Failures_become_expected_failures_with_their_first_line_as_reason_and_diff_as_comment()
    {
        Assert.Equal("""
            # Expectations for flink, written by `run --write-expectations` from a run of 5 scenarios: 1 passed, 1 failed (1 skipped, 1 expected failures, 1 unexpected passes).
            # Each failure of that run is an expected failure; the comment above it is how it failed. Fix the runner and remove entries.
            runner: "flink"
            entries:
              # sink 'Out': 1 expected pane(s), 2 actual pane(s) "a\b"
              #   l2
              #   l3
              #   l4
              #   l5
              #   l6
              # ... 2 more line(s) in the run's reports
              - {id: groupbykey/fixed, status: expected_fail, reason: "sink 'Out': 1 expected pane(s), 2 actual pane(s) \"a\\b\""}
              - {id: groupbykey/sessions, status: skip, reason: "no merging"}
              - {id: pardo/fail_on, status: expected_fail, reason: "known"}

            """.ReplaceLineEndings("\n"), ExpectationsWriter.Build(Report(), "flink"));
    }

    [Fact]
    public void The_written_file_loads_and_turns_the_same_results_green()
    {
        var expectations = RunnerExpectations.Load(ExpectationsWriter.Build(Report(), "flink"), "written.yaml");

        Assert.Equal("sink 'Out': 1 expected pane(s), 2 actual pane(s) \"a\\b\"", expectations.For(new ScenarioId("groupbykey/fixed"))!.Reason);
        foreach (var r in Report().Results)
        {
            var conformed = r.Outcome switch { ScenarioOutcome.Passed or ScenarioOutcome.UnexpectedPass => true, ScenarioOutcome.Skipped => (bool?)null, _ => false };
            Assert.False(RunnerExpectations.FailsRun(expectations.Outcome(r.Id, conformed)), r.Id.Value);
        }
    }

    [Fact]
    public async Task A_run_writes_expectations_under_which_the_next_run_is_green()
    {
        var dir = Directory.CreateTempSubdirectory("beam-expect-");
        try
        {
            var ct = TestContext.Current.CancellationToken;
            var first = new FileInfo(Path.Combine(dir.FullName, "first.yaml"));
            await File.WriteAllTextAsync(first.FullName, "runner: reference\nentries:\n  - {id: impulse/exact_bytes, status: expected_fail, reason: was broken}\n  - {id: impulse/two_impulses, status: skip, reason: slow}\n", ct);
            var written = new FileInfo(Path.Combine(dir.FullName, "written.yaml"));
            var impulse = new ScenarioSelection(null, ["impulse"], []);

            var code = await RunCommand.RunAsync(new RunOptions(null, "--endpoint", impulse, first, new DirectoryInfo(Path.Combine(dir.FullName, "r1")), WriteExpectations: written), new StringWriter(), new StringWriter(), ct);
            Assert.Equal(1, code); // impulse/exact_bytes passed unexpectedly

            Assert.EndsWith("runner: \"reference\"\nentries:\n  - {id: impulse/two_impulses, status: skip, reason: \"slow\"}\n", await File.ReadAllTextAsync(written.FullName, ct), StringComparison.Ordinal);
            Assert.Equal(0, await RunCommand.RunAsync(new RunOptions(null, "--endpoint", impulse, written, new DirectoryInfo(Path.Combine(dir.FullName, "r2"))), new StringWriter(), new StringWriter(), ct));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
