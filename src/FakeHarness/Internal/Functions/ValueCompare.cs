using System.Text;
using BeamConformance.Model;

namespace BeamConformance.FakeHarness.Internal.Functions;

/// <summary>Compares payload constants (natural values) with decoded element values.</summary>
internal static class ValueCompare
{
    /// <summary>True when <paramref name="expected"/> (natural) denotes <paramref name="actual"/> (decoded).</summary>
    public static bool Matches(object? expected, object? actual) => actual switch
    {
        null => expected is null,
        long l => expected switch
        {
            long e => e == l,
            double e => e == l,
            _ => false,
        },
        double d => expected switch
        {
            double e => e.Equals(d),
            long e => e == d,
            ".nan" => double.IsNaN(d),
            ".inf" => double.IsPositiveInfinity(d),
            "-.inf" => double.IsNegativeInfinity(d),
            _ => false,
        },
        string s => expected is string e && string.Equals(e, s, StringComparison.Ordinal),
        bool b => expected is bool e && e == b,
        byte[] bytes => expected switch
        {
            byte[] e => e.AsSpan().SequenceEqual(bytes),
            string e => Encoding.UTF8.GetBytes(e).AsSpan().SequenceEqual(bytes),
            _ => false,
        },
        KV kv => expected is IReadOnlyList<object?> { Count: 2 } pair ? Matches(pair[0], kv.Key) && Matches(pair[1], kv.Value)
            : expected is KV e && Matches(e.Key, kv.Key) && Matches(e.Value, kv.Value),
        IReadOnlyList<object?> list => expected is IReadOnlyList<object?> e && e.Count == list.Count && e.Zip(list).All(p => Matches(p.First, p.Second)),
        _ => Equals(expected, actual),
    };

    /// <summary>Orders two numbers (long or double) or two strings; null when they are not comparable.</summary>
    public static int? Compare(object? a, object? b) => (a, b) switch
    {
        (long x, long y) => x.CompareTo(y),
        (long x, double y) => ((double)x).CompareTo(y),
        (double x, long y) => x.CompareTo(y),
        (double x, double y) => x.CompareTo(y),
        (string x, string y) => string.CompareOrdinal(x, y),
        _ => null,
    };
}
