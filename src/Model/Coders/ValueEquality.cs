using System.Collections;
using BeamConformance.Model.Schemas;

namespace BeamConformance.Model.Coders;

/// <summary>
/// Structural equality over decoded coder values: byte arrays by content, doubles by bit pattern (any NaN equals
/// any NaN, but -0.0 differs from 0.0), integers across widths by value, lists, <see cref="KV"/>s, rows and
/// windowed values element by element.
/// </summary>
public static class ValueEquality
{
    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> are the same value.</summary>
    public static bool DeepEquals(object? a, object? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null)
        {
            return false;
        }

        if (BytesCoder.TryGetBytes(a, out var ab) && BytesCoder.TryGetBytes(b, out var bb))
        {
            return ab.SequenceEqual(bb);
        }

        if (IsFloating(a) || IsFloating(b))
        {
            return IsFloating(a) && IsFloating(b) && SameDouble(Convert.ToDouble(a, null), Convert.ToDouble(b, null), a is float || b is float);
        }

        if (VarIntCoder.TryGetInt64(a, out var al) && VarIntCoder.TryGetInt64(b, out var bl))
        {
            return al == bl;
        }

        switch (a)
        {
            case string s:
                return b is string t && s == t;
            case KV ka:
                return b is KV kb && DeepEquals(ka.Key, kb.Key) && DeepEquals(ka.Value, kb.Value);
            case WindowedValue<object?> wa:
                return b is WindowedValue<object?> wb
                    && wa.TimestampMillis == wb.TimestampMillis
                    && wa.Pane == wb.Pane
                    && wa.Windows.SequenceEqual(wb.Windows)
                    && DeepEquals(wa.Value, wb.Value);
            case Row ra:
                return b is Row rb && ra.Values.Count == rb.Values.Count && ListEquals(ra.Values, rb.Values);
            case IEnumerable ea when a is not string && b is IEnumerable eb && b is not string && !HasOwnEquality(a):
                return ListEquals(ea, eb);
            default:
                return a.Equals(b);
        }
    }

    private static bool HasOwnEquality(object value) =>
        value is StateBackedIterable or TimerValue or ShardedKey;

    private static bool ListEquals(IEnumerable a, IEnumerable b)
    {
        var ea = a.GetEnumerator();
        var eb = b.GetEnumerator();
        while (true)
        {
            var hasA = ea.MoveNext();
            var hasB = eb.MoveNext();
            if (hasA != hasB)
            {
                return false;
            }

            if (!hasA)
            {
                return true;
            }

            if (!DeepEquals(ea.Current, eb.Current))
            {
                return false;
            }
        }
    }

    private static bool IsFloating(object value) => value is double or float;

    private static bool SameDouble(double x, double y, bool single)
    {
        if (double.IsNaN(x) || double.IsNaN(y))
        {
            return double.IsNaN(x) && double.IsNaN(y);
        }

        return single ? BitConverter.SingleToInt32Bits((float)x) == BitConverter.SingleToInt32Bits((float)y)
                      : BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y);
    }
}
