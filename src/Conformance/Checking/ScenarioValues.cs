using System.Collections;
using System.Globalization;
using System.Text;
using BeamConformance.Model;

namespace BeamConformance.Conformance.Checking;

/// <summary>
/// Comparison and display of scenario values, as testdata/README.md ("Pane matching") defines them:
/// structural; iterables as multisets; doubles by value except that all NaNs are equal and 0.0 ≠ −0.0;
/// bytes by content; integers of any CLR width as int64.
/// </summary>
public static class ScenarioValues
{
    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> are the same scenario value.</summary>
    public static bool Equal(object? a, object? b) => string.Equals(Canonical(a), Canonical(b), StringComparison.Ordinal);

    /// <summary>
    /// The canonical text of a value: equal values have equal text. Longs as <c>1</c>, doubles as
    /// <c>1.0</c> / <c>-0.0</c> / <c>.nan</c> / <c>.inf</c>, strings JSON-quoted, bytes as <c>hex"00ff"</c>,
    /// kvs as <c>[k, v]</c>, iterables as <c>[items]</c> sorted by their canonical text.
    /// </summary>
    public static string Canonical(object? value)
    {
        var sb = new StringBuilder();
        Write(sb, value);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null:
                sb.Append("null");
                break;
            case string s:
                sb.Append(System.Text.Json.JsonSerializer.Serialize(s));
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case double d:
                sb.Append(Double(d));
                break;
            case float f:
                sb.Append(Double(f));
                break;
            case byte[] bytes:
                sb.Append("hex\"").Append(Convert.ToHexStringLower(bytes)).Append('"');
                break;
            case ReadOnlyMemory<byte> rom:
                sb.Append("hex\"").Append(Convert.ToHexStringLower(rom.Span)).Append('"');
                break;
            case sbyte or byte or short or ushort or int or uint or long:
                sb.Append(Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                break;
            case ulong ul:
                sb.Append(ul.ToString(CultureInfo.InvariantCulture));
                break;
            case KV kv:
                sb.Append('[');
                Write(sb, kv.Key);
                sb.Append(", ");
                Write(sb, kv.Value);
                sb.Append(']');
                break;
            case IEnumerable items:
                var parts = items.Cast<object?>().Select(Canonical).Order(StringComparer.Ordinal);
                sb.Append('[').AppendJoin(", ", parts).Append(']');
                break;
            default:
                sb.Append(CultureInfo.InvariantCulture, $"<{value.GetType().Name}: {value}>");
                break;
        }
    }

    private static string Double(double d)
    {
        if (double.IsNaN(d))
        {
            return ".nan";
        }

        if (double.IsInfinity(d))
        {
            return d > 0 ? ".inf" : "-.inf";
        }

        var text = d.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }
}
