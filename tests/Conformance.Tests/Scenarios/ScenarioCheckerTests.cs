using BeamConformance.Conformance.Checking;
using BeamConformance.Conformance.Reports;
using BeamConformance.Conformance.Scenarios;
using BeamConformance.Model;

namespace BeamConformance.Conformance.Tests.Scenarios;

/// <summary>Whole-scenario verdicts on real scenario files, with hand-made observations.</summary>
public sealed class ScenarioCheckerTests
{
    private static readonly byte[] ImpulseBytes = Convert.FromHexString("7fdf3b645a1cac09000000010f00");

    private static Scenario Load(string id) => ScenarioLoader.LoadFile(Path.Combine(TestData.ScenariosRoot, id + ".yaml"), new ScenarioId(id));

    private static CapturedElement CreatedOne(long timestamp) => new("Out", 1L, timestamp, [Model.Windows.GlobalWindow.Instance], PaneInfo.NoFiring);

    public static TheoryData<string, string, ObservedOutcome, CapturedElement[], ProtocolLog, string?> Rows => new()
    {
        // impulse/exact_bytes conforms: DONE, the created 1 at MIN, and the exact Impulse bytes sent.
        { "exact", "impulse/exact_bytes", ObservedOutcome.Ran(JobState.Done), [CreatedOne(BeamTime.MinTimestampMillis)], new([("impulse", ImpulseBytes)], [], [], []), null },
        // Same output but the runner sent a NO_FIRING pane byte of 0x00: the protocol check fails.
        { "pane byte", "impulse/exact_bytes", ObservedOutcome.Ran(JobState.Done), [CreatedOne(BeamTime.MinTimestampMillis)],
            new([("impulse", Convert.FromHexString("7fdf3b645a1cac09000000010000"))], [], [], []), "data_to_harness 'impulse'" },
        // The job failed: outputs are not compared, the failure is reported with the job's messages.
        { "failed", "impulse/exact_bytes", ObservedOutcome.Ran(JobState.Failed, "harness crashed"), [], new([("impulse", ImpulseBytes)], [], [], []), "job ended FAILED, expected DONE; messages: harness crashed" },
        // A prepare-rejection scenario with the expected status and message.
        { "rejected", "prepare/unknown_transform_urn", ObservedOutcome.PrepareFailed("INVALID_ARGUMENT", "pipeline not supported by the ReferenceRunner (1 problem): Mystery: transform URN 'beamconformance:transform:does_not_exist:v1': unknown or unsupported leaf transform"), [], ProtocolLog.Empty, null },
        // A run-failure scenario whose message fragment is missing.
        { "message", "pardo/fail_on_element", ObservedOutcome.Ran(JobState.Failed, "bundle failed"), [], ProtocolLog.Empty, "'deliberate failure 7f3a' not found in the job's messages: bundle failed" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Checks_outcome_outputs_and_protocol(string label, string id, ObservedOutcome outcome, CapturedElement[] captured, ProtocolLog log, string? problem)
    {
        var result = ScenarioChecker.Check(Load(id), outcome, captured, log);

        Assert.True(problem is null == result.Passed, $"{label}: {result.Diff}");
        if (problem is not null)
        {
            Assert.Contains(problem, result.Diff, StringComparison.Ordinal);
        }
    }

    [Theory]
    // Without expectations a failing check is Failed, with its diff as details.
    [InlineData(null, false, ScenarioOutcome.Failed)]
    // An expected failure that fails keeps the reason.
    [InlineData("expected_fail", false, ScenarioOutcome.ExpectedFailure)]
    // A skip is not run (no check).
    [InlineData("skip", null, ScenarioOutcome.Skipped)]
    public void Result_applies_the_runner_expectations(string? status, bool? passed, ScenarioOutcome outcome)
    {
        var scenario = Load("impulse/exact_bytes");
        var expectations = status is null
            ? RunnerExpectations.None
            : RunnerExpectations.Load($"runner: r\nentries:\n  - {{id: impulse/exact_bytes, status: {status}, reason: why}}", "r.yaml");
        CheckResult? check = passed is null ? null : passed.Value ? CheckResult.Pass : new CheckResult(["diff"]);

        var result = ScenarioResult.Of(scenario, expectations, check, TimeSpan.FromMilliseconds(7), ["m"]);

        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(passed == false ? "diff" : "", result.Details);
        Assert.Equal(status is null ? null : "why", result.Reason);
        Assert.Equal(["UsesImpulse", "UsesFnApiProtocol"], result.Features);
    }
}
