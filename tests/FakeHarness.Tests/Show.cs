using System.Globalization;
using BeamConformance.Model;
using BeamConformance.Model.Windows;

namespace BeamConformance.FakeHarness.Tests;

/// <summary>Canonical text of decoded values and windows, so tests compare exact shapes (long vs double, KV vs list).</summary>
internal static class Show
{
    public static string Value(object? value) => value switch
    {
        null => "null",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture) + "d",
        string s => "\"" + s + "\"",
        bool b => b ? "true" : "false",
        byte[] b => "0x" + Convert.ToHexStringLower(b),
        KV kv => "(" + Value(kv.Key) + ": " + Value(kv.Value) + ")",
        IEnumerable<object?> list => "[" + string.Join(", ", list.Select(Value)) + "]",
        _ => "?" + value.GetType().Name,
    };

    public static string Values(IEnumerable<object?> values) => string.Join(", ", values.Select(Value));

    public static string Window(BoundedWindow window) => window switch
    {
        GlobalWindow => "global",
        IntervalWindow w => $"[{w.StartMillis},{w.EndMillis})",
        _ => window.ToString() ?? "?",
    };

    public static string Windows(IEnumerable<BoundedWindow> windows) => string.Join(" ", windows.Select(Window));
}
