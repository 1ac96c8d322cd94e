namespace BeamConformance.ReferenceRunner.Execution.Internal.Timers;

/// <summary>
/// Which timer a set or clear refers to: transform, timer family, the user key's and window's encoded bytes (hex,
/// compared as bytes like state cells) and the dynamic timer tag. Setting a timer with the same id replaces it.
/// </summary>
internal readonly record struct TimerId(string TransformId, string FamilyId, string KeyHex, string WindowHex, string Tag)
{
    public override string ToString() => $"{TransformId}/{FamilyId}[{Tag}] key={KeyHex} window={(WindowHex.Length == 0 ? "(empty)" : WindowHex)}";
}
