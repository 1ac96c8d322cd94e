using System.Collections;
using System.Globalization;
using BeamConformance.Model;
using BeamConformance.Model.Schemas;

namespace BeamConformance.Conformance.Coders.Internal;

/// <summary>Short text for decoded values in failure messages.</summary>
internal static class ValueText
{
    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant() switch
    {
        "" => "",
        var h => string.Join(' ', Enumerable.Range(0, h.Length / 2).Select(i => h.Substring(i * 2, 2))),
    };

    public static string Describe(object? value) => value switch
    {
        null => "null",
        byte[] bytes => $"bytes[{Hex(bytes)}]",
        string s => $"\"{s}\"",
        double d => BitConverter.DoubleToInt64Bits(d).ToString("x16", CultureInfo.InvariantCulture) + $"({d.ToString("R", CultureInfo.InvariantCulture)})",
        KV kv => $"{{key: {Describe(kv.Key)}, value: {Describe(kv.Value)}}}",
        WindowedValue<object?> wv => $"{{value: {Describe(wv.Value)}, timestamp: {wv.TimestampMillis}, windows: [{string.Join(", ", wv.Windows)}], pane: {wv.Pane}}}",
        Row row => "{" + string.Join(", ", row.Schema.Fields.Select((f, i) => $"{f.Name}: {Describe(row.Values[i])}")) + "}",
        StateBackedIterable sbi => $"{{elements: {Describe(sbi.Prefix)}, state_token: {(sbi.StateToken is null ? "none" : Hex(sbi.StateToken))}}}",
        ShardedKey sk => $"{{shardId: {Hex(sk.ShardId)}, key: {Describe(sk.Key)}}}",
        IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(Describe)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
