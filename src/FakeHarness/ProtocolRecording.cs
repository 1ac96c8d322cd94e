namespace BeamConformance.FakeHarness;

/// <summary>A snapshot of the Fn API traffic recorded for one scenario run, each list in arrival order.</summary>
/// <param name="Descriptors">The ProcessBundleDescriptors of the run.</param>
/// <param name="Data">The elements the runner sent to the harness, per data source.</param>
/// <param name="StateRequests">The state requests the harness sent, with their responses.</param>
/// <param name="Instructions">The instructions received by workers that serve the run.</param>
public sealed record ProtocolRecording(
    IReadOnlyList<RecordedBundleDescriptor> Descriptors,
    IReadOnlyList<RecordedDataElement> Data,
    IReadOnlyList<RecordedStateRequest> StateRequests,
    IReadOnlyList<RecordedInstruction> Instructions)
{
    /// <summary>Every timer on the data plane's timer endpoints, both ways, in the order the harness saw or sent them.</summary>
    public IReadOnlyList<RecordedTimer> Timers { get; init; } = [];

    /// <summary>Nothing recorded.</summary>
    public static ProtocolRecording Empty { get; } = new([], [], [], []);
}
