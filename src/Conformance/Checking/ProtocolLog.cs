namespace BeamConformance.Conformance.Checking;

/// <summary>
/// The Fn API traffic the FakeHarness recorded, reduced to what protocol checks need (proto-free).
/// </summary>
/// <param name="Data">Windowed values received per pipeline PCollection id (encoded, outer context), in arrival order.</param>
/// <param name="Descriptors">Registered ProcessBundleDescriptors.</param>
/// <param name="StateRequests">State requests in the order sent: kind, side input, operation and the StateKey's parts.</param>
/// <param name="Instructions">InstructionRequest kinds (e.g. <c>process_bundle</c>), in order.</param>
public sealed record ProtocolLog(
    IReadOnlyList<(string PCollection, byte[] WindowedValue)> Data,
    IReadOnlyList<RecordedDescriptor> Descriptors,
    IReadOnlyList<ProtocolStateRequest> StateRequests,
    IReadOnlyList<string> Instructions)
{
    /// <summary>Every DesiredSplit the harness was asked, in order: the estimate asked and the answer (null: no split).</summary>
    public IReadOnlyList<(long Estimated, (long LastPrimary, long FirstResidual)? Answer)> Splits { get; init; } = [];

    /// <summary>Every timer on a timer endpoint, in order: direction (true: runner to harness), family id, exact bytes.</summary>
    public IReadOnlyList<(bool ToHarness, string Family, byte[] Timer)> Timers { get; init; } = [];

    /// <summary>The <c>user_state</c> cache tokens of every ProcessBundleRequest, in lower-case hex, in the order received.</summary>
    public IReadOnlyList<string> UserStateCacheTokens { get; init; } = [];
    /// <summary>
    /// Bundle answers and FinalizeBundleRequests in the order the harness saw them: kind (<c>response</c>, <c>failed</c>,
    /// <c>finalize</c>), the ProcessBundle instruction id, and for a response whether it asked for finalization.
    /// </summary>
    public IReadOnlyList<(string Kind, string Bundle, bool RequiresFinalization)> BundleEvents { get; init; } = [];

    /// <summary>
    /// Per DesiredSplit (the order of <see cref="Splits"/>): the restrictions (offset ranges) of the primary and residual
    /// roots of the test SDF's element split; nulls when the answer had no element split.
    /// </summary>
    public IReadOnlyList<((long From, long To)? Primary, (long From, long To)? Residual)> ElementSplits { get; init; } = [];

    /// <summary>
    /// Self-checkpoints and restriction starts of the test SDF, in order: kind <c>checkpoint</c> (a deferred residual
    /// <c>[From, To)</c> with its requested delay, at its bundle's response) or <c>restriction</c> (processing of
    /// <c>[From, To)</c> started), with the harness's time in ms.
    /// </summary>
    public IReadOnlyList<(string Kind, long From, long To, long DelayMillis, long AtMillis)> CheckpointEvents { get; init; } = [];

    /// <summary>
    /// The least <c>output_watermarks</c> entry (ms) of the test SDF's residual roots: each self-checkpoint's
    /// (<c>checkpoint</c>, in response order) and each DesiredSplit's element split (<c>split</c>, in the order of
    /// <see cref="Splits"/>; null when the answer had none or the residual named no watermark).
    /// </summary>
    public IReadOnlyList<(string Kind, long? Millis)> ResidualWatermarks { get; init; } = [];

    /// <summary>
    /// Every ProcessBundleProgressResponse the harness gave for a running bundle, in arrival order of the requests: the
    /// bundle's instruction id, its data input's read index, and the test SDF's work completed and remaining (empty lists
    /// when no element of it was being processed).
    /// </summary>
    public IReadOnlyList<(string Bundle, long? ReadIndex, IReadOnlyList<double> Completed, IReadOnlyList<double> Remaining)> ProgressAnswers { get; init; } = [];

    /// <summary>
    /// The control stream as the harness saw it, in order: each request (kind, its instruction id, the instruction it names
    /// for progress, split and finalize requests) and each bundle answer (kind <c>response</c> or <c>failed</c>, the bundle's
    /// instruction id, no target).
    /// </summary>
    public IReadOnlyList<(string Kind, string Instruction, string? Target)> ControlStream { get; init; } = [];

    /// <summary>An empty log.</summary>
    public static ProtocolLog Empty { get; } = new([], [], [], []);
}
