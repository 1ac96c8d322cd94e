using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.ReferenceRunner.FnApi;

/// <summary>A bundle the SDK finished successfully.</summary>
/// <param name="InstructionId">The ProcessBundle instruction id.</param>
/// <param name="Response">The SDK's ProcessBundleResponse (monitoring infos, residuals).</param>
/// <param name="Outputs">
/// Per data-sink transform id, the data received in arrival order (each chunk one <c>Elements.Data.data</c>;
/// concatenated they are the sink's encoded elements). Every sink of the request has an entry.
/// </param>
public sealed record BundleOutcome(
    string InstructionId,
    ProcessBundleResponse Response,
    IReadOnlyDictionary<string, IReadOnlyList<ReadOnlyMemory<byte>>> Outputs)
{
    /// <summary>
    /// Per timer endpoint (transform id, timer family id) of the request, the timers the SDK sent in arrival order (each
    /// chunk one <c>Elements.Timers.timers</c>); every endpoint of the request has an entry.
    /// </summary>
    public IReadOnlyDictionary<(string TransformId, string TimerFamilyId), IReadOnlyList<ReadOnlyMemory<byte>>> Timers { get; init; } =
        new Dictionary<(string, string), IReadOnlyList<ReadOnlyMemory<byte>>>();
}
