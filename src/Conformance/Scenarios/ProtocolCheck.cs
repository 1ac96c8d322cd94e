namespace BeamConformance.Conformance.Scenarios;

/// <summary>A check on the Fn API traffic the FakeHarness recorded (testdata/README.md, "Protocol checks").</summary>
public abstract record ProtocolCheck
{
    private ProtocolCheck() { }

    /// <summary><c>data_to_harness</c>: the exact windowed-value bytes sent for a PCollection.</summary>
    /// <param name="PCollection">The pipeline's PCollection id.</param>
    /// <param name="WindowedValues">Encoded windowed values (outer context).</param>
    /// <param name="Ordered">Whether their order matters.</param>
    public sealed record DataToHarness(string PCollection, IReadOnlyList<byte[]> WindowedValues, bool Ordered) : ProtocolCheck;

    /// <summary><c>descriptor</c>: some registered ProcessBundleDescriptor has these properties.</summary>
    /// <param name="TransformUrnsInclude">URNs that must all appear in one descriptor.</param>
    /// <param name="StateApi">Whether it must (true) or must not (false) carry a state endpoint; null: not checked.</param>
    public sealed record Descriptor(IReadOnlyList<string> TransformUrnsInclude, bool? StateApi) : ProtocolCheck
    {
        /// <summary>URNs that no registered descriptor may hold (<c>transform_urns_exclude</c>; a combine not lifted).</summary>
        public IReadOnlyList<string> TransformUrnsExclude { get; init; } = [];

        /// <summary>Transforms the same descriptor must hold, with their unique names and annotations (<c>transforms</c>).</summary>
        public IReadOnlyList<ExpectedDescriptorTransform> Transforms { get; init; } = [];
    }

    /// <summary><c>state_requests</c>: how many StateRequests of a kind, optionally only those with the given StateKey parts.</summary>
    /// <param name="Kind">The StateKey kind, e.g. <c>iterable_side_input</c>.</param>
    /// <param name="SideInput">Only requests for this side input (local name), or null.</param>
    /// <param name="Count">The expected count.</param>
    public sealed record StateRequests(string Kind, string? SideInput, CountBound Count) : ProtocolCheck
    {
        /// <summary>Only requests of this operation (<c>get</c>, <c>append</c>, <c>clear</c>), or null.</summary>
        public string? Operation { get; init; }

        /// <summary>Only requests whose StateKey names this transform id, or null.</summary>
        public string? Transform { get; init; }

        /// <summary>Only requests whose StateKey has this <c>user_state_id</c>, or null.</summary>
        public string? StateId { get; init; }

        /// <summary>Only requests whose StateKey key bytes are exactly these (lower-case hex), or null.</summary>
        public string? KeyHex { get; init; }

        /// <summary>Only requests whose StateKey window bytes are exactly these (lower-case hex), or null.</summary>
        public string? WindowHex { get; init; }

        /// <summary>true: only gets that carried a continuation token; false: only requests without one; null: both.</summary>
        public bool? Continued { get; init; }

        /// <summary>True when a recorded request passes every filter of this check.</summary>
        public bool Matches(Checking.ProtocolStateRequest r) =>
            r.Kind == Kind && (SideInput is null || r.SideInput == SideInput) && (Operation is null || r.Operation == Operation)
            && (Transform is null || r.TransformId == Transform) && (StateId is null || r.UserStateId == StateId)
            && (KeyHex is null || r.KeyHex == KeyHex) && (WindowHex is null || r.WindowHex == WindowHex)
            && (Continued is null || r.Continued == Continued);

        /// <summary>The filters as the scenario wrote them, for failure messages.</summary>
        public string Describe() => string.Concat(
            new[]
            {
                SideInput is null ? null : $" side_input={SideInput}", Operation is null ? null : $" operation={Operation}",
                Transform is null ? null : $" transform={Transform}", StateId is null ? null : $" state_id={StateId}",
                KeyHex is null ? null : $" key_hex={KeyHex}", WindowHex is null ? null : $" window_hex={WindowHex}",
                Continued is { } c ? $" continued={(c ? "true" : "false")}" : null,
            }.Where(static x => x is not null));
    }

    /// <summary><c>user_state_cache_tokens</c>: how many distinct <c>user_state</c> cache tokens the ProcessBundleRequests carried.</summary>
    /// <param name="Distinct">The expected number of distinct tokens.</param>
    public sealed record UserStateCacheTokens(CountBound Distinct) : ProtocolCheck;

    /// <summary><c>timers</c>: the exact <c>beam:coder:timer:v1</c> bytes of every timer on one family's timer endpoints, one way.</summary>
    /// <param name="ToHarness">True: the timers the runner fired; false: the timers the harness set or cleared.</param>
    /// <param name="Family">The timer family id.</param>
    /// <param name="Encoded">Each timer's encoding.</param>
    /// <param name="Ordered">Whether their order matters (default true: the order is what strict timer ordering checks).</param>
    public sealed record Timers(bool ToHarness, string Family, IReadOnlyList<byte[]> Encoded, bool Ordered) : ProtocolCheck;

    /// <summary><c>instructions</c>: how many InstructionRequests of a kind.</summary>
    /// <param name="Kind">The request kind, e.g. <c>process_bundle</c>.</param>
    /// <param name="Count">The expected count.</param>
    public sealed record Instructions(string Kind, CountBound Count) : ProtocolCheck;

    /// <summary><c>channel_splits</c>: the DesiredSplits the harness was asked, in order, and its exact answers.</summary>
    /// <param name="Answers">Per DesiredSplit: (<c>last_primary_element</c>, <c>first_residual_element</c>) answered, or null for "no split".</param>
    /// <param name="EstimatedInputElements">Per DesiredSplit, the <c>estimated_input_elements</c> asked; null: not checked.</param>
    /// <param name="Prefix">
    /// <c>prefix: true</c>: the listed splits are the first ones asked, in order, and more may follow (a runner that
    /// splits on progress also splits a later bundle that happens to stall on a slow machine); false: exactly these.
    /// </param>
    public sealed record ChannelSplits(IReadOnlyList<(long LastPrimary, long FirstResidual)?> Answers, IReadOnlyList<long>? EstimatedInputElements, bool Prefix = false) : ProtocolCheck;

    /// <summary>
    /// <c>bundle_finalization</c>: every FinalizeBundleRequest names a bundle whose successful ProcessBundleResponse
    /// asked for finalization and came before it (never a failed attempt, never one that did not ask, never twice), and
    /// every bundle that asked was finalized; <paramref name="Finalized"/> of them in all.
    /// </summary>
    /// <param name="Finalized">How many bundles were finalized.</param>
    public sealed record BundleFinalization(int Finalized) : ProtocolCheck;

    /// <summary>
    /// <c>element_splits</c>: per DesiredSplit the harness was asked, in order, the offset range of the primary root and of
    /// the residual root the test SDF answered (null: no element split).
    /// </summary>
    /// <param name="Primary">Per DesiredSplit, the primary root's <c>[from, to)</c> or null.</param>
    /// <param name="Residual">Per DesiredSplit, the residual root's <c>[from, to)</c> or null; null list: not checked.</param>
    public sealed record ElementSplits(IReadOnlyList<(long From, long To)?> Primary, IReadOnlyList<(long From, long To)?>? Residual) : ProtocolCheck;

    /// <summary>
    /// <c>residual_watermarks</c>: the watermark the test SDF's watermark estimator put in each residual root's
    /// <c>output_watermarks</c> (<c>beam_fn_api.proto</c> <c>DelayedBundleApplication.output_watermarks</c>), in order.
    /// </summary>
    /// <param name="CheckpointsMillis">Per self-checkpoint residual (ms); null: not checked.</param>
    /// <param name="ElementSplitsMillis">Per DesiredSplit, its element split's residual watermark (ms) or null (none); null list: not checked.</param>
    public sealed record ResidualWatermarks(IReadOnlyList<long>? CheckpointsMillis, IReadOnlyList<long?>? ElementSplitsMillis) : ProtocolCheck;

    /// <summary>
    /// <c>checkpoints</c>: the requested delays of every self-checkpoint residual the test SDF answered, in order; with
    /// <paramref name="Resumed"/>, each residual's restriction was processed again, no earlier than its delay after the
    /// response that deferred it.
    /// </summary>
    /// <param name="DelaysMillis">The <c>requested_time_delay</c> of each residual root (ms), in order.</param>
    /// <param name="Resumed">Whether each residual must have been resumed after its delay.</param>
    public sealed record Checkpoints(IReadOnlyList<long> DelaysMillis, bool Resumed) : ProtocolCheck
    {
        /// <summary>
        /// True in a drained scenario (<c>drain: true</c>): each residual must still be processed again, but a drained
        /// job does not wait for the delay, so resuming early is right.
        /// </summary>
        public bool Drained { get; init; }
    }

    /// <summary>
    /// <c>progress</c>: the ProcessBundleProgressResponses the harness gave for running bundles. Every answer reporting the
    /// test SDF's work carries exactly one completed and one remaining value (one active element), each finite and at
    /// least 0 (<c>beam:metric:ptransform_progress:completed:v1</c> / <c>remaining:v1</c>, Java <c>OffsetRangeTracker.getProgress</c>).
    /// </summary>
    /// <param name="FirstWorkPerBundle">Per bundle, in the order their first such answer came: the read index, work
    /// completed and work remaining (offsets) of that first answer; null: not checked.</param>
    /// <param name="AnswersAtLeast">At least this many answers reported work; null: not checked.</param>
    public sealed record Progress(IReadOnlyList<(long ReadIndex, double Completed, double Remaining)>? FirstWorkPerBundle, long? AnswersAtLeast) : ProtocolCheck;

    /// <summary>
    /// <c>late_requests</c>: how many ProcessBundleProgressRequests and ProcessBundleSplitRequests named a bundle that had
    /// demonstrably finished from the runner's side: they arrived after a FinalizeBundleRequest for it, or after the
    /// answer of a bundle whose ProcessBundleRequest arrived after its own answer (the Fn API has no acknowledgement, so
    /// only such causally later points are certain; testdata/README.md, "Progress of splittable DoFns").
    /// </summary>
    /// <param name="Count">The expected count (0 for a correct runner).</param>
    public sealed record LateRequests(CountBound Count) : ProtocolCheck;
}
