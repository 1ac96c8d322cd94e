using BeamConformance.Conformance.Checking;

namespace BeamConformance.Conformance.Running;

/// <summary>What running one scenario against a job endpoint produced.</summary>
/// <param name="Check">The verdict (failure/outputs/protocol checks and Job API steps), problems listed when it failed.</param>
/// <param name="JobMessages">The job's messages (message stream texts, with their importance), in order.</param>
/// <param name="Duration">Wall time of the scenario.</param>
public sealed record ScenarioRun(CheckResult Check, IReadOnlyList<string> JobMessages, TimeSpan Duration)
{
    /// <summary>The Fn API traffic the FakeHarness recorded for the run (<c>run --trace</c> prints it).</summary>
    public FakeHarness.ProtocolRecording Recording { get; init; } = FakeHarness.ProtocolRecording.Empty;
}
