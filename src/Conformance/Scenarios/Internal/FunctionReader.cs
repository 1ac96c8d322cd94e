using YamlDotNet.RepresentationModel;

namespace BeamConformance.Conformance.Scenarios.Internal;

/// <summary>Reads the FN / FLATFN / PRED unions of testdata/README.md.</summary>
internal static class FunctionReader
{
    public static ElementFn Fn(YamlSource s, YamlNode node, string key)
    {
        var (variant, arg, _) = s.Union(node, "fn", key);
        switch (variant)
        {
            case "add": return new ElementFn.Add(s.Number(arg, variant));
            case "multiply": return new ElementFn.Multiply(s.Number(arg, variant));
            case "mod":
                var divisor = s.Long(arg, variant);
                return divisor != 0 ? new ElementFn.Mod(divisor) : throw s.Error(arg, variant, "divisor must not be 0");
            case "concat": return new ElementFn.Concat(s.String(arg, variant));
            case "prefix": return new ElementFn.Prefix(s.String(arg, variant));
            case "to_string": s.Empty(arg, variant); return new ElementFn.ToText();
            case "size": s.Empty(arg, variant); return new ElementFn.Size();
            case "identity": s.Empty(arg, variant); return new ElementFn.Identity();
            case "key": s.Empty(arg, variant); return new ElementFn.Key();
            case "value": s.Empty(arg, variant); return new ElementFn.Value();
            case "constant": return new ElementFn.Constant(ValueReader.Inferred(s, arg, variant));
            case "kv":
                var kv = YamlMap.Open(s, arg, "kv_fn", variant);
                return new ElementFn.MakeKV(Fn(s, kv.Required("key"), "key"), Fn(s, kv.Required("value"), "value"));
            case "map_values": return new ElementFn.MapValues(Fn(s, arg, variant));
            default: return new ElementFn.Chain([.. s.Sequence(arg, variant).Select(n => Fn(s, n, variant))]);
        }
    }

    public static FlatFn Flat(YamlSource s, YamlNode node, string key)
    {
        var (variant, arg, _) = s.Union(node, "flat_fn", key);
        switch (variant)
        {
            case "repeat":
                var times = s.Long(arg, variant);
                return times is >= 0 and <= int.MaxValue ? new FlatFn.Repeat((int)times) : throw s.Error(arg, variant, "must be ≥ 0");
            case "range": s.Empty(arg, variant); return new FlatFn.Range();
            case "split":
                var sep = s.String(arg, variant);
                return sep.Length > 0 ? new FlatFn.Split(sep) : throw s.Error(arg, variant, "separator must not be empty");
            case "explode": s.Empty(arg, variant); return new FlatFn.Explode();
            case "explode_values": s.Empty(arg, variant); return new FlatFn.ExplodeValues();
            case "each": return new FlatFn.Each([.. s.Sequence(arg, variant).Select(n => Fn(s, n, variant))]);
            default: s.Empty(arg, variant); return new FlatFn.Nothing();
        }
    }

    public static Predicate Pred(YamlSource s, YamlNode node, string key)
    {
        var (variant, arg, _) = s.Union(node, "predicate", key);
        switch (variant)
        {
            case "equals": return new Predicate.EqualTo(ValueReader.Inferred(s, arg, variant));
            case "less_than": return new Predicate.LessThan(s.Number(arg, variant));
            case "greater_than": return new Predicate.GreaterThan(s.Number(arg, variant));
            case "divisible_by":
                var d = s.Long(arg, variant);
                return d > 0 ? new Predicate.DivisibleBy(d) : throw s.Error(arg, variant, "divisor must be > 0");
            case "in": return new Predicate.In([.. s.Sequence(arg, variant).Select(n => ValueReader.Inferred(s, n, variant))]);
            case "starts_with": return new Predicate.StartsWith(s.String(arg, variant));
            case "key": return new Predicate.OnKey(Pred(s, arg, variant));
            case "value": return new Predicate.OnValue(Pred(s, arg, variant));
            case "not": return new Predicate.Not(Pred(s, arg, variant));
            case "all": return new Predicate.All([.. s.Sequence(arg, variant).Select(n => Pred(s, n, variant))]);
            case "any": return new Predicate.Any([.. s.Sequence(arg, variant).Select(n => Pred(s, n, variant))]);
            default: return new Predicate.Const(s.Bool(arg, variant));
        }
    }
}
