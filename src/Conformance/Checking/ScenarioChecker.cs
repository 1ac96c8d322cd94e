using BeamConformance.Conformance.Scenarios;

namespace BeamConformance.Conformance.Checking;

/// <summary>
/// The whole verdict on one executed scenario (except its <c>job_api</c> steps, which the executor
/// checks as it runs them): how the job ended, what the capture sinks received, and the protocol checks.
/// </summary>
public static class ScenarioChecker
{
    /// <summary>
    /// Checks the job's end against <c>expect.failure</c>; when no failure is expected, the captured output
    /// against <c>expect.outputs</c>; and <c>expect.protocol</c> against <paramref name="protocol"/> (when the
    /// FakeHarness recorded the run; pass <see cref="ProtocolLog.Empty"/> otherwise only if there are no checks).
    /// </summary>
    public static CheckResult Check(Scenario scenario, ObservedOutcome outcome, IReadOnlyList<CapturedElement> captured, ProtocolLog protocol)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var result = FailureChecker.Check(scenario.Expect.Failure, outcome);
        if (scenario.Expect.Failure is null && outcome.FinalState == JobState.Done)
        {
            result = result.And(OutputChecker.Check(scenario, captured));
        }

        var checks = scenario.Drain
            ? [.. scenario.Expect.Protocol.Select(static c => c is ProtocolCheck.Checkpoints k ? k with { Drained = true } : c)]
            : scenario.Expect.Protocol;
        return result.And(ProtocolChecker.Check(checks, protocol));
    }
}
