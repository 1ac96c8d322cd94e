namespace BeamConformance.Conformance.Scenarios;

/// <summary>A Job API step run after Run (testdata/README.md, "job_api").</summary>
public abstract record JobApiStep
{
    private JobApiStep() { }

    /// <summary>Where the step is written.</summary>
    public SourceLocation Location { get; init; }

    /// <summary><c>wait_for</c>: poll GetState until one of the states.</summary>
    /// <param name="States">Accepted states.</param>
    public sealed record WaitFor(IReadOnlyList<JobState> States) : JobApiStep;

    /// <summary>
    /// <c>wait_for_message</c>: wait until a message of the recorded message stream (any importance, as
    /// <c>IMPORTANCE: text</c>) contains the fragment; fails at the scenario's deadline or when the stream ends without it.
    /// </summary>
    /// <param name="Fragment">The text to wait for (ordinal, not empty).</param>
    public sealed record WaitForMessage(string Fragment) : JobApiStep;

    /// <summary><c>cancel</c>: call Cancel (status OK).</summary>
    /// <param name="Answers">States the CancelJobResponse may carry; empty for any.</param>
    public sealed record Cancel(IReadOnlyList<JobState> Answers) : JobApiStep;

    /// <summary><c>expect_state</c>: GetState returns this state now.</summary>
    /// <param name="State">The state.</param>
    public sealed record ExpectState(JobState State) : JobApiStep;

    /// <summary><c>expect_state_stream</c>: the recorded state stream.</summary>
    /// <param name="Subsequence">States seen in this order (others may come between).</param>
    /// <param name="Last">The last state, or null.</param>
    public sealed record ExpectStateStream(IReadOnlyList<JobState> Subsequence, JobState? Last) : JobApiStep;

    /// <summary><c>expect_message_stream</c>: the recorded message stream.</summary>
    /// <param name="StatesSubsequence">State events seen in this order.</param>
    /// <param name="MessageContains">Fragments some job message contains (each).</param>
    /// <param name="WarningContains">Fragments some JOB_MESSAGE_WARNING message contains (each); null or empty for none.</param>
    /// <param name="WarningCounts">Fragment → exactly how many JOB_MESSAGE_WARNING messages contain it (0: none does); null or empty for none.</param>
    /// <param name="MessageCounts">Fragment → exactly how many job messages of any importance contain it (0: none does); null or empty for none.</param>
    public sealed record ExpectMessageStream(
        IReadOnlyList<JobState> StatesSubsequence, IReadOnlyList<string> MessageContains, IReadOnlyList<string>? WarningContains = null,
        IReadOnlyDictionary<string, long>? WarningCounts = null, IReadOnlyDictionary<string, long>? MessageCounts = null) : JobApiStep;

    /// <summary><c>expect_metric</c>: a MonitoringInfo from GetJobMetrics.</summary>
    /// <param name="Urn">MonitoringInfo URN.</param>
    /// <param name="PCollection">Label PCOLLECTION, or null.</param>
    /// <param name="Transform">Label PTRANSFORM, or null.</param>
    /// <param name="Committed">True for committed, false for attempted results.</param>
    /// <param name="AtLeast">Lower bound of the value, or null.</param>
    /// <param name="EqualTo">Exact value, or null.</param>
    /// <param name="Name">Label NAME (a user metric's name), or null.</param>
    /// <param name="Namespace">Label NAMESPACE (a user metric's namespace), or null.</param>
    /// <param name="PayloadHex">The exact payload (lower-case hex) of the one selected MonitoringInfo, or null.</param>
    public sealed record ExpectMetric(string Urn, string? PCollection, string? Transform, bool Committed, long? AtLeast, long? EqualTo, string? Name = null, string? Namespace = null, string? PayloadHex = null) : JobApiStep;

    /// <summary><c>call</c>: call a method and expect a gRPC status.</summary>
    /// <param name="Method">GetState, GetPipeline, Cancel, GetStateStream, GetMessageStream or GetJobMetrics.</param>
    /// <param name="JobId">The job id to pass, or null for this job's.</param>
    /// <param name="ExpectStatus">gRPC status code name.</param>
    public sealed record Call(string Method, string? JobId, string ExpectStatus) : JobApiStep;

    /// <summary><c>expect_pipeline</c>: GetPipeline returns every submitted transform id with its URN.</summary>
    public sealed record ExpectPipeline : JobApiStep;

    /// <summary><c>expect_listed</c>: GetJobs lists this job.</summary>
    public sealed record ExpectListed : JobApiStep;
}
