namespace BeamConformance.FakeHarness;

/// <summary>One state request the harness sent (<c>BeamFnState.State</c>) and the runner's answer.</summary>
/// <param name="Kind">The StateKey kind in snake case: <c>iterable_side_input</c>, <c>multimap_side_input</c>,
/// <c>multimap_keys_side_input</c>, <c>multimap_keys_values_side_input</c>, <c>runner</c>, <c>bag_user_state</c>,
/// <c>multimap_keys_user_state</c>, <c>multimap_user_state</c>, <c>ordered_list_user_state</c>.</param>
/// <param name="Operation"><c>get</c>, <c>append</c> or <c>clear</c>.</param>
/// <param name="TransformId">The StateKey's transform id (empty for <c>runner</c>).</param>
/// <param name="SideInput">The side input local name for side-input kinds, else null.</param>
/// <param name="InstructionId">The bundle's instruction id.</param>
/// <param name="Window">The StateKey's encoded window (empty when the kind has none).</param>
/// <param name="Key">The StateKey's encoded key (multimap side input, user state), else empty.</param>
/// <param name="ContinuationToken">The request's continuation token (empty for the first page).</param>
/// <param name="ResponseData">The response's <c>get.data</c> bytes (empty for other operations).</param>
/// <param name="ResponseContinuationToken">The response's continuation token.</param>
/// <param name="Error">The response's error, or null.</param>
/// <param name="AppendData">For <c>append</c>, the <c>StateAppendRequest.data</c> sent; else null.</param>
public sealed record RecordedStateRequest(
    string Kind,
    string Operation,
    string TransformId,
    string? SideInput,
    string InstructionId,
    byte[] Window,
    byte[] Key,
    byte[] ContinuationToken,
    byte[] ResponseData,
    byte[] ResponseContinuationToken,
    string? Error,
    byte[]? AppendData = null)
{
    /// <summary>For user-state kinds, the StateKey's <c>user_state_id</c>; null for side inputs and <c>runner</c>.</summary>
    public string? UserStateId { get; init; }
}
