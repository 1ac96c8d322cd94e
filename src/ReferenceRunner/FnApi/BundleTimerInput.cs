namespace BeamConformance.ReferenceRunner.FnApi;

/// <summary>
/// The timers one timer endpoint of a bundle gets (<c>Elements.Timers</c> with this transform id and timer family id):
/// zero or more chunks of <c>beam:coder:timer:v1</c> encoded timers, then <c>is_last</c>. The SDK answers on the same
/// endpoint with the timers it set or cleared, also ending with <c>is_last</c>.
/// </summary>
/// <param name="TransformId">The stateful ParDo's transform id.</param>
/// <param name="TimerFamilyId">The timer family id (a key of <c>ParDoPayload.timer_family_specs</c>).</param>
/// <param name="Chunks">The encoded timers to fire, each chunk whole timers; empty for none.</param>
public sealed record BundleTimerInput(string TransformId, string TimerFamilyId, IReadOnlyList<ReadOnlyMemory<byte>> Chunks);
