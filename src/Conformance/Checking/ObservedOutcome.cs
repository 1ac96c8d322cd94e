using BeamConformance.Conformance.Scenarios;

namespace BeamConformance.Conformance.Checking;

/// <summary>How a scenario's job ended, proto-free, as the executor observed it.</summary>
/// <param name="PrepareStatus">The gRPC status code name Prepare returned (<c>OK</c> when it succeeded).</param>
/// <param name="PrepareMessage">The status detail of a failed Prepare, else empty.</param>
/// <param name="FinalState">The job's terminal state, or null when it did not run (or never ended).</param>
/// <param name="Messages">The job's messages (message stream text, error messages), in order.</param>
public sealed record ObservedOutcome(string PrepareStatus, string PrepareMessage, JobState? FinalState, IReadOnlyList<string> Messages)
{
    /// <summary>A job that was prepared and finished in <paramref name="state"/>.</summary>
    public static ObservedOutcome Ran(JobState state, params IReadOnlyList<string> messages) => new("OK", "", state, messages);

    /// <summary>A Prepare that failed with <paramref name="status"/>.</summary>
    public static ObservedOutcome PrepareFailed(string status, string message) => new(status, message, null, []);
}
