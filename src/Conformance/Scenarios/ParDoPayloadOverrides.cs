namespace BeamConformance.Conformance.Scenarios;

/// <summary>
/// A transform's <c>pardo_payload</c> key (testdata/README.md, "Hostile ParDo payloads"): fields of the
/// <c>ParDoPayload</c> (beam_runner_api.proto) that replace what the suite's builder writes for one of our ParDo test
/// transforms, so that a scenario can submit a ParDo a well-behaved SDK never would (Prepare-rejection scenarios).
/// Every property is null when the key is absent; a given map replaces the builder's whole map.
/// </summary>
/// <param name="Coders">Coders added to the pipeline's coders under these ids (a coder id is otherwise the coder's
/// grammar text, <c>global_window</c> or <c>interval_window</c>).</param>
/// <param name="StateSpecs">Replaces <c>state_specs</c>: state id → spec.</param>
/// <param name="TimerFamilySpecs">Replaces <c>timer_family_specs</c>: timer family id → spec.</param>
/// <param name="SideInputs">Replaces <c>side_inputs</c>: local name → access pattern URN, empty for none (the PTransform's inputs stay
/// as the builder wrote them; a local name the builder also wrote keeps its view and window mapping fns).</param>
/// <param name="RestrictionCoderId">Replaces <c>restriction_coder_id</c> (a non-empty one makes the ParDo splittable).</param>
/// <param name="RequiresTimeSortedInput">Replaces <c>requires_time_sorted_input</c>.</param>
/// <param name="OnWindowExpirationTimerFamilySpec">Replaces <c>on_window_expiration_timer_family_spec</c>.</param>
/// <param name="Bytes">When set, the whole payload: these bytes replace the ParDoPayload (an undecodable one); no
/// other key may be given with it.</param>
public sealed record ParDoPayloadOverrides(
    IReadOnlyDictionary<string, RawCoder>? Coders,
    IReadOnlyDictionary<string, StateSpecOverride>? StateSpecs,
    IReadOnlyDictionary<string, TimerFamilyOverride>? TimerFamilySpecs,
    IReadOnlyDictionary<string, string>? SideInputs,
    string? RestrictionCoderId,
    bool? RequiresTimeSortedInput,
    string? OnWindowExpirationTimerFamilySpec,
    byte[]? Bytes);
