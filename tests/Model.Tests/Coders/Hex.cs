namespace BeamConformance.Model.Tests.Coders;

/// <summary>Hex helpers for exact-byte assertions: "7f df 3b" ⇄ bytes.</summary>
internal static class Hex
{
    public static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    public static string Of(ReadOnlySpan<byte> bytes) => string.Join(' ', bytes.ToArray().Select(b => b.ToString("x2", null)));
}
