using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BeamConformance.Conformance.Scenarios.Internal;

/// <summary>A parsed YAML file and typed reads of its scalar and list nodes.</summary>
internal sealed class YamlSource(string file)
{
    public string File { get; } = file;

    public static YamlNode Parse(string file, string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new ScenarioFormatException(new SourceLocation(file, e.Start.Line, e.Start.Column), null, $"not valid YAML: {e.InnerException?.Message ?? e.Message}");
        }

        return stream.Documents.Count switch
        {
            1 => stream.Documents[0].RootNode,
            0 => throw new ScenarioFormatException(new SourceLocation(file, 1, 1), null, "the file is empty"),
            _ => throw new ScenarioFormatException(new SourceLocation(file, 1, 1), null, "one YAML document per file"),
        };
    }

    public SourceLocation At(YamlNode node) => new(File, node.Start.Line, node.Start.Column);

    public ScenarioFormatException Error(YamlNode node, string? key, string problem) => new(At(node), key, problem);

    public string String(YamlNode node, string? key) =>
        node is YamlScalarNode { Value: { } v } s && !(s.Style == ScalarStyle.Plain && v is "~" or "null" or "")
            ? v
            : throw Error(node, key, $"expected a string, got {YamlMap.Describe(node)}");

    public long Long(YamlNode node, string? key) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: { } v } && long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
            ? l
            : throw Error(node, key, $"expected an integer, got {YamlMap.Describe(node)}");

    public bool Bool(YamlNode node, string? key) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" or "false" } s
            ? s.Value == "true"
            : throw Error(node, key, $"expected true or false, got {YamlMap.Describe(node)}");

    public double Double(YamlNode node, string? key)
    {
        if (node is YamlScalarNode { Style: ScalarStyle.Plain, Value: { } v })
        {
            switch (v)
            {
                case ".nan" or ".NaN" or ".NAN": return double.NaN;
                case ".inf" or "+.inf" or ".Inf" or "+.Inf": return double.PositiveInfinity;
                case "-.inf" or "-.Inf": return double.NegativeInfinity;
            }

            if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            {
                return d;
            }
        }

        throw Error(node, key, $"expected a number, got {YamlMap.Describe(node)}");
    }

    /// <summary>A number written as an integer (long) or with a fraction/exponent (double).</summary>
    public object Number(YamlNode node, string? key) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: { } v } && long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
            ? l
            : Double(node, key);

    public IReadOnlyList<YamlNode> Sequence(YamlNode node, string? key) =>
        node is YamlSequenceNode seq ? [.. seq.Children] : throw Error(node, key, $"expected a list, got {YamlMap.Describe(node)}");

    public T Enum<T>(YamlNode node, string? key, IReadOnlyDictionary<string, T> names)
    {
        var text = String(node, key);
        return names.TryGetValue(text, out var value)
            ? value
            : throw Error(node, key, $"'{text}' is not one of: {string.Join(", ", names.Keys)}");
    }

    /// <summary>A timestamp in ms: an integer or min_timestamp / max_timestamp / end_of_global_window.</summary>
    public long Timestamp(YamlNode node, string? key) => node is YamlScalarNode { Value: { } v } ? v switch
    {
        "min_timestamp" => Model.BeamTime.MinTimestampMillis,
        "max_timestamp" => Model.BeamTime.MaxTimestampMillis,
        "end_of_global_window" => Model.BeamTime.EndOfGlobalWindowMillis,
        _ => Long(node, key),
    }
    : throw Error(node, key, $"expected a timestamp in ms, got {YamlMap.Describe(node)}");

    /// <summary>
    /// A union written <c>{variant: argument}</c> (or a bare <c>variant</c> string when in
    /// <paramref name="bareVariants"/>), its variants the keys of <paramref name="kind"/>.
    /// </summary>
    public (string Variant, YamlNode Argument, YamlNode Node) Union(YamlNode node, string kind, string? key, IReadOnlySet<string>? bareVariants = null)
    {
        if (node is YamlScalarNode { Value: { } bare } && bareVariants?.Contains(bare) == true)
        {
            return (bare, new YamlMappingNode(), node);
        }

        var map = YamlMap.Open(this, node, kind, key);
        var keys = map.Keys.ToList();
        if (keys.Count != 1)
        {
            throw Error(node, key, $"a {kind} is a mapping with exactly one key ({string.Join(", ", ScenarioFormat.Keys[kind].Order(StringComparer.Ordinal))}), got {keys.Count}");
        }

        return (keys[0], map.Required(keys[0]), node);
    }

    /// <summary>An empty mapping <c>{}</c> (the argument of variants that take none).</summary>
    public void Empty(YamlNode node, string key) => YamlMap.Open(this, node, "global", key);
}
