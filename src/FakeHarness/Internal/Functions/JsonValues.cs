using System.Globalization;
using System.Text.Json;
using BeamConformance.Model;

namespace BeamConformance.FakeHarness.Internal.Functions;

/// <summary>
/// Turns payload JSON into "natural" values before they are shaped by a coder (<see cref="ValueShapes"/>):
/// integers → <see cref="long"/>, other numbers → <see cref="double"/>, strings → <see cref="string"/> (including
/// ".nan", ".inf", "-.inf"), booleans → <see cref="bool"/>, arrays → <see cref="object"/>[], <c>{"hex": "00ff"}</c>
/// → <see cref="byte"/>[], null → null.
/// </summary>
internal static class JsonValues
{
    /// <exception cref="HarnessException">An object other than <c>{hex}</c>, or bad hex.</exception>
    public static object? ToNatural(JsonElement json, string where) => json.ValueKind switch
    {
        JsonValueKind.Number => json.TryGetInt64(out var l) ? (object)l : json.GetDouble(),
        JsonValueKind.String => json.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        JsonValueKind.Array => json.EnumerateArray().Select(e => ToNatural(e, where)).ToArray(),
        JsonValueKind.Object when json.TryGetProperty("hex", out var hex) && hex.ValueKind == JsonValueKind.String => FromHex(hex.GetString()!, where),
        _ => throw new HarnessException($"{where}: cannot use the JSON value {json.GetRawText()} as an element value"),
    };

    /// <summary>Formats a value for error messages.</summary>
    public static string Format(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        byte[] b => "0x" + Convert.ToHexStringLower(b),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        KV kv => "[" + Format(kv.Key) + ", " + Format(kv.Value) + "]",
        IEnumerable<object?> list => "[" + string.Join(", ", list.Select(Format)) + "]",
        _ => value.ToString() ?? string.Empty,
    };

    private static byte[] FromHex(string hex, string where)
    {
        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            throw new HarnessException($"{where}: '{hex}' is not hex");
        }
    }
}
