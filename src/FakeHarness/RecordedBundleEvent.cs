namespace BeamConformance.FakeHarness;

/// <summary>
/// One step of a bundle's lifecycle as the harness saw it, in order with the others of the run: its ProcessBundle
/// answer (<c>response</c>: a ProcessBundleResponse; <c>failed</c>: an error) or a FinalizeBundleRequest for it
/// (<c>finalize</c>).
/// </summary>
/// <param name="Kind"><c>response</c>, <c>failed</c>, <c>finalize</c>, or <c>restriction</c> (a splittable DoFn
/// started processing a restriction).</param>
/// <param name="BundleInstructionId">The ProcessBundle instruction concerned (for <c>finalize</c>,
/// <c>FinalizeBundleRequest.instruction_id</c>).</param>
/// <param name="WorkerId">The worker.</param>
public sealed record RecordedBundleEvent(string Kind, string BundleInstructionId, string WorkerId)
{
    /// <summary>For <c>response</c>: whether it said <c>requires_finalization</c>.</summary>
    public bool RequiresFinalization { get; init; }

    /// <summary>For <c>finalize</c>: the transform ids whose finalization callbacks ran (empty when nothing was pending:
    /// the harness answered with an error).</summary>
    public IReadOnlyList<string> CallbacksRun { get; init; } = [];

    /// <summary>For <c>response</c>: the residual roots the bundle deferred by self-checkpointing, in order.</summary>
    public IReadOnlyList<RecordedCheckpoint> Checkpoints { get; init; } = [];

    /// <summary>For <c>restriction</c>: the offset range <c>[from, to)</c> started.</summary>
    public (long From, long To)? Restriction { get; init; }

    /// <summary>When it happened (ms since the epoch, the harness's <see cref="FakeHarnessOptions.TimeProvider"/>).</summary>
    public long AtMillis { get; init; }

    /// <summary>Its position among everything the harness recorded (see <see cref="RecordedInstruction.Sequence"/>): for a
    /// <c>response</c>, taken before the answer was written to the control stream.</summary>
    public long Sequence { get; init; }
}
