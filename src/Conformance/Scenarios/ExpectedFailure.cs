namespace BeamConformance.Conformance.Scenarios;

/// <summary>A failure the runner must report.</summary>
/// <param name="Phase">Prepare or run.</param>
/// <param name="Status">gRPC status code name (e.g. <c>INVALID_ARGUMENT</c>), or null when not checked.</param>
/// <param name="JobState">Final job state (e.g. <see cref="Scenarios.JobState.Failed"/>), or null.</param>
/// <param name="MessageContains">Fragments the status detail (prepare) or the job's error messages (run) contain.</param>
public sealed record ExpectedFailure(FailurePhase Phase, string? Status, JobState? JobState, IReadOnlyList<string> MessageContains);
