namespace BeamConformance.ReferenceRunner.Execution.Internal.UserState;

/// <summary>
/// Where one user state cell lives: transform, state id, the key's and the window's encoded bytes (hex, compared as
/// bytes, never decoded: keys equal when their encodings are, as the model's deterministic key coders require).
/// </summary>
internal readonly record struct StateCellId(string TransformId, string StateId, string KeyHex, string WindowHex)
{
    public static StateCellId Of(string transformId, string stateId, ReadOnlySpan<byte> key, ReadOnlySpan<byte> window) =>
        new(transformId, stateId, Convert.ToHexString(key), Convert.ToHexString(window));

    public override string ToString() => $"{TransformId}/{StateId} key={KeyHex} window={(WindowHex.Length == 0 ? "(empty)" : WindowHex)}";
}
