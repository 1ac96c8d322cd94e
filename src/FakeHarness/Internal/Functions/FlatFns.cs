using System.Text.Json;
using BeamConformance.Model;

namespace BeamConformance.FakeHarness.Internal.Functions;

/// <summary>
/// Compiles FLATFN (value → 0..n values) payloads: repeat, range, split, explode, explode_values, each, none.
/// </summary>
internal static class FlatFns
{
    /// <exception cref="HarnessException">Unknown function or bad argument.</exception>
    public static Func<object?, IEnumerable<object?>> Compile(JsonElement json, string where)
    {
        var (name, arg) = Union.Read(json, where);
        var at = where + "." + name;
        switch (name)
        {
            case "repeat":
                {
                    var n = Union.Int64(arg, at);
                    return v => Enumerable.Repeat(v, (int)Math.Max(0, n));
                }

            case "range":
                return v => v is long n ? Range(n) : throw ElementFns.Wrong(v, "varint", at);
            case "split":
                {
                    var separator = Union.String(arg, at);
                    return v => v is string s
                        ? s.Split(separator, StringSplitOptions.RemoveEmptyEntries)
                        : throw ElementFns.Wrong(v, "string", at);
                }

            case "explode":
                return v => v is IEnumerable<object?> items ? items : throw ElementFns.Wrong(v, "iterable", at);
            case "explode_values":
                return v => v is KV { Value: IEnumerable<object?> values } kv
                    ? values.Select(item => (object?)new KV(kv.Key, item))
                    : throw ElementFns.Wrong(v, "kv<K, iterable<V>>", at);
            case "each":
                {
                    var fns = Union.Array(arg, at).Select((f, i) => ElementFns.Compile(f, $"{at}[{i}]")).ToArray();
                    return v => fns.Select(fn => fn(v));
                }

            case "none":
                return _ => [];
            default:
                throw new HarnessException($"{where}: unknown flat function '{name}'");
        }
    }

    private static IEnumerable<object?> Range(long n)
    {
        for (long i = 0; i < n; i++)
        {
            yield return i;
        }
    }
}
