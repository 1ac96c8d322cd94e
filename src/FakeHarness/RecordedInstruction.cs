namespace BeamConformance.FakeHarness;

/// <summary>One InstructionRequest the harness received on the control stream, and how it answered.</summary>
/// <param name="Kind">The request kind in snake case: <c>register</c>, <c>process_bundle</c>, <c>process_bundle_progress</c>,
/// <c>process_bundle_split</c>, <c>finalize_bundle</c>, <c>monitoring_infos</c>, <c>harness_monitoring_infos</c>,
/// <c>sample_data</c>, or <c>none</c>.</param>
/// <param name="InstructionId">The request's instruction id.</param>
/// <param name="WorkerId">The worker that received it.</param>
public sealed record RecordedInstruction(string Kind, string InstructionId, string WorkerId)
{
    /// <summary>For <c>process_bundle_split</c>: each DesiredSplit asked and the answer to it, in the request's order
    /// of transform ids (ordinal); empty for other kinds.</summary>
    public IReadOnlyList<RecordedSplit> Splits { get; init; } = [];

    /// <summary>For <c>process_bundle</c>: the <c>cache_tokens</c> of type <c>user_state</c>, each token's bytes in lower-case
    /// hex, in the request's order; empty for other kinds and for bundles without one.</summary>
    public IReadOnlyList<string> UserStateCacheTokens { get; init; } = [];

    /// <summary>For <c>process_bundle_progress</c>, <c>process_bundle_split</c> and <c>finalize_bundle</c>: the ProcessBundle
    /// instruction the request names; null for other kinds.</summary>
    public string? TargetInstructionId { get; init; }

    /// <summary>For <c>process_bundle_progress</c> of a running bundle: what the harness answered; null otherwise.</summary>
    public RecordedProgress? Progress { get; init; }

    /// <summary>The position of the request's arrival on the worker's control stream among everything the harness recorded
    /// (instructions and bundle events, <see cref="RecordedBundleEvent.Sequence"/>): increasing, from one counter per recorder.</summary>
    public long Sequence { get; init; }
}
