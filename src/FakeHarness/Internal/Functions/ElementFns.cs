using System.Globalization;
using System.Text;
using System.Text.Json;
using BeamConformance.Model;

namespace BeamConformance.FakeHarness.Internal.Functions;

/// <summary>
/// Compiles FN (value → value) payloads of testdata/README.md: add, multiply, mod, concat, prefix, to_string,
/// constant, identity, key, value, kv, map_values, chain.
/// </summary>
internal static class ElementFns
{
    /// <exception cref="HarnessException">Unknown function or bad argument.</exception>
    public static Func<object?, object?> Compile(JsonElement json, string where)
    {
        var (name, arg) = Union.Read(json, where);
        var at = where + "." + name;
        switch (name)
        {
            case "add":
                {
                    var n = JsonValues.ToNatural(arg, at);
                    return v => Arithmetic(v, n, at, (a, b) => checked(a + b), (a, b) => a + b);
                }

            case "multiply":
                {
                    var n = JsonValues.ToNatural(arg, at);
                    return v => Arithmetic(v, n, at, (a, b) => checked(a * b), (a, b) => a * b);
                }

            case "mod":
                {
                    var n = Union.Int64(arg, at);
                    if (n == 0)
                    {
                        throw new HarnessException($"{at}: modulus 0");
                    }

                    return v => v is long l ? l % n : throw Wrong(v, "varint", at);
                }

            case "concat":
                {
                    var s = Union.String(arg, at);
                    return v => v switch
                    {
                        string str => str + s,
                        byte[] b => (object)b.Concat(Encoding.UTF8.GetBytes(s)).ToArray(),
                        _ => throw Wrong(v, "string or bytes", at),
                    };
                }

            case "prefix":
                {
                    var s = Union.String(arg, at);
                    return v => v switch
                    {
                        string str => s + str,
                        byte[] b => (object)Encoding.UTF8.GetBytes(s).Concat(b).ToArray(),
                        _ => throw Wrong(v, "string or bytes", at),
                    };
                }

            case "to_string":
                return v => v switch
                {
                    long l => l.ToString(CultureInfo.InvariantCulture),
                    double d => d.ToString("R", CultureInfo.InvariantCulture),
                    bool b => b ? "true" : "false",
                    string s => s,
                    _ => throw Wrong(v, "varint, double or bool", at),
                };
            case "constant":
                {
                    var c = JsonValues.ToNatural(arg, at);
                    return _ => c;
                }

            case "size":
                return v => v is IEnumerable<object?> items ? (object)(long)items.Count() : throw Wrong(v, "iterable", at);
            case "identity":
                return v => v;
            case "key":
                return v => v is KV kv ? kv.Key : throw Wrong(v, "kv", at);
            case "value":
                return v => v is KV kv ? kv.Value : throw Wrong(v, "kv", at);
            case "kv":
                {
                    var key = Compile(Union.Property(arg, "key", at), at + ".key");
                    var value = Compile(Union.Property(arg, "value", at), at + ".value");
                    return v => new KV(key(v), value(v));
                }

            case "map_values":
                {
                    var fn = Compile(arg, at);
                    return v => v is KV kv ? new KV(kv.Key, fn(kv.Value)) : throw Wrong(v, "kv", at);
                }

            case "chain":
                {
                    var fns = Union.Array(arg, at).Select((f, i) => Compile(f, $"{at}[{i}]")).ToArray();
                    return v =>
                    {
                        foreach (var fn in fns)
                        {
                            v = fn(v);
                        }

                        return v;
                    };
                }

            default:
                throw new HarnessException($"{where}: unknown function '{name}'");
        }
    }

    public static HarnessException Wrong(object? value, string expected, string where) =>
        new($"{where}: expected a {expected} value, got {JsonValues.Format(value)}");

    private static object Arithmetic(object? value, object? operand, string where, Func<long, long, long> onLong, Func<double, double, double> onDouble) =>
        (value, operand) switch
        {
            (long a, long b) => (object)onLong(a, b),
            (long a, double b) => onDouble(a, b),
            (double a, long b) => onDouble(a, b),
            (double a, double b) => onDouble(a, b),
            _ => throw Wrong(value, "varint or double", where),
        };
}
