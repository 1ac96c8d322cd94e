namespace BeamConformance.Conformance.Checking;

/// <summary>One state request the FakeHarness sent, reduced for protocol checks (proto-free).</summary>
/// <param name="Kind">The StateKey kind in snake case, e.g. <c>bag_user_state</c> or <c>iterable_side_input</c>.</param>
/// <param name="SideInput">The side input's local name for side-input kinds, else null.</param>
public sealed record ProtocolStateRequest(string Kind, string? SideInput)
{
    /// <summary><c>get</c>, <c>append</c> or <c>clear</c>.</summary>
    public string Operation { get; init; } = "get";

    /// <summary>The StateKey's transform id (empty for <c>runner</c>).</summary>
    public string TransformId { get; init; } = "";

    /// <summary>The StateKey's <c>user_state_id</c> for user-state kinds, else null.</summary>
    public string? UserStateId { get; init; }

    /// <summary>The StateKey's key bytes in lower-case hex (the nested encoding the SDK sent; empty when the kind has none).</summary>
    public string KeyHex { get; init; } = "";

    /// <summary>The StateKey's window bytes in lower-case hex (empty for the global window and kinds without one).</summary>
    public string WindowHex { get; init; } = "";

    /// <summary>True for a get that carried a continuation token (a page after the first).</summary>
    public bool Continued { get; init; }
}
