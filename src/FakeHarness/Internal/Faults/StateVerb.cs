namespace BeamConformance.FakeHarness.Internal.Faults;

/// <summary>What a state request asks of its StateKey: the <c>request</c> oneof of beam_fn_api.proto's StateRequest.</summary>
internal enum StateVerb
{
    /// <summary><c>get</c>: read the state (StateGetRequest).</summary>
    Get,

    /// <summary><c>append</c>: add bytes to it (StateAppendRequest).</summary>
    Append,

    /// <summary><c>clear</c>: remove it (StateClearRequest).</summary>
    Clear,
}
