using System.Text;
using System.Text.Json;
using BeamConformance.Model;

namespace BeamConformance.FakeHarness.Internal.Functions;

/// <summary>
/// Compiles PRED (value → bool) payloads: equals, less_than, greater_than, divisible_by, in, starts_with, key,
/// value, not, all, any, const.
/// </summary>
internal static class Predicates
{
    /// <exception cref="HarnessException">Unknown predicate or bad argument.</exception>
    public static Func<object?, bool> Compile(JsonElement json, string where)
    {
        var (name, arg) = Union.Read(json, where);
        var at = where + "." + name;
        switch (name)
        {
            case "equals":
                {
                    var expected = JsonValues.ToNatural(arg, at);
                    return v => ValueCompare.Matches(expected, v);
                }

            case "less_than":
                {
                    var bound = JsonValues.ToNatural(arg, at);
                    return v => (ValueCompare.Compare(v, bound) ?? throw ElementFns.Wrong(v, "number", at)) < 0;
                }

            case "greater_than":
                {
                    var bound = JsonValues.ToNatural(arg, at);
                    return v => (ValueCompare.Compare(v, bound) ?? throw ElementFns.Wrong(v, "number", at)) > 0;
                }

            case "divisible_by":
                {
                    var n = Union.Int64(arg, at);
                    if (n == 0)
                    {
                        throw new HarnessException($"{at}: divisor 0");
                    }

                    return v => v is long l ? l % n == 0 : throw ElementFns.Wrong(v, "varint", at);
                }

            case "in":
                {
                    var options = Union.Array(arg, at).Select(e => JsonValues.ToNatural(e, at)).ToArray();
                    return v => options.Any(o => ValueCompare.Matches(o, v));
                }

            case "starts_with":
                {
                    var prefix = Union.String(arg, at);
                    var prefixBytes = Encoding.UTF8.GetBytes(prefix);
                    return v => v switch
                    {
                        string s => s.StartsWith(prefix, StringComparison.Ordinal),
                        byte[] b => b.AsSpan().StartsWith(prefixBytes),
                        _ => throw ElementFns.Wrong(v, "string", at),
                    };
                }

            case "key":
                {
                    var inner = Compile(arg, at);
                    return v => v is KV kv ? inner(kv.Key) : throw ElementFns.Wrong(v, "kv", at);
                }

            case "value":
                {
                    var inner = Compile(arg, at);
                    return v => v is KV kv ? inner(kv.Value) : throw ElementFns.Wrong(v, "kv", at);
                }

            case "not":
                {
                    var inner = Compile(arg, at);
                    return v => !inner(v);
                }

            case "all":
                {
                    var all = Union.Array(arg, at).Select((p, i) => Compile(p, $"{at}[{i}]")).ToArray();
                    return v => all.All(p => p(v));
                }

            case "any":
                {
                    var any = Union.Array(arg, at).Select((p, i) => Compile(p, $"{at}[{i}]")).ToArray();
                    return v => any.Any(p => p(v));
                }

            case "const":
                {
                    var value = arg.ValueKind switch
                    {
                        JsonValueKind.True => true,
                        JsonValueKind.False => false,
                        _ => throw new HarnessException($"{at}: expected true or false"),
                    };
                    return _ => value;
                }

            default:
                throw new HarnessException($"{where}: unknown predicate '{name}'");
        }
    }
}
