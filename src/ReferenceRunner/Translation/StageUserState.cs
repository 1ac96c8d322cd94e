namespace BeamConformance.ReferenceRunner.Translation;

/// <summary>
/// One user state cell family declared by a stateful ParDo of an <see cref="ExecutableStagePlan"/>
/// (<c>ParDoPayload.state_specs</c>), served over the State API per key and window.
/// </summary>
/// <param name="TransformId">The ParDo's transform id (<c>StateKey.*UserState.transform_id</c>).</param>
/// <param name="StateId">The state id in <c>state_specs</c> (<c>user_state_id</c>).</param>
/// <param name="ProtocolUrn">
/// The State API protocol: <c>beam:user_state:bag:v1</c> (bag, value, combining), <c>beam:user_state:multimap:v1</c>
/// (map, set, multimap) or <c>beam:user_state:ordered_list:v1</c>; <c>StateSpec.protocol</c> when set, else implied by
/// the spec kind.
/// </param>
public sealed record StageUserState(string TransformId, string StateId, string ProtocolUrn);
