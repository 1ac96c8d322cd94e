using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace BeamConformance.Conformance.Scenarios.Internal;

/// <summary>
/// A YAML mapping of a known kind (<see cref="ScenarioFormat.Keys"/>): rejects unknown keys when opened
/// and reads typed values, every error naming file, line, column and key.
/// </summary>
internal sealed class YamlMap
{
    private readonly Dictionary<string, (YamlNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);

    private YamlMap(YamlSource source, YamlNode node)
    {
        Source = source;
        Node = node;
    }

    public YamlSource Source { get; }

    public YamlNode Node { get; }

    public SourceLocation Location => Source.At(Node);

    public IEnumerable<string> Keys => _entries.Keys;

    public static YamlMap Open(YamlSource source, YamlNode node, string kind, string? key, IReadOnlySet<string>? extraAllowed = null)
    {
        if (node is not YamlMappingNode mapping)
        {
            throw source.Error(node, key, $"expected a mapping ({kind}), got {Describe(node)}");
        }

        var allowed = ScenarioFormat.Keys[kind];
        var map = new YamlMap(source, node);
        foreach (var (k, v) in mapping.Children)
        {
            if (k is not YamlScalarNode { Value: { } name })
            {
                throw source.Error(k, key, "mapping keys must be plain strings");
            }

            if (!allowed.Contains(name) && extraAllowed?.Contains(name) != true)
            {
                if (extraAllowed is not null && allowed.Count == 0)
                {
                    throw source.Error(k, name, $"not one of: {string.Join(", ", extraAllowed.Order(StringComparer.Ordinal))}");
                }

                var hint = allowed.Count == 0 ? "no keys are allowed here" : $"allowed: {string.Join(", ", allowed.Order(StringComparer.Ordinal))}";
                throw source.Error(k, name, $"unknown key in {kind} ({hint})");
            }

            if (!map._entries.TryAdd(name, (k, v)))
            {
                throw source.Error(k, name, "duplicate key");
            }
        }

        return map;
    }

    public bool Has(string key) => _entries.ContainsKey(key);

    public YamlNode? Get(string key) => _entries.TryGetValue(key, out var e) ? e.Value : null;

    public YamlNode Required(string key) =>
        Get(key) ?? throw Source.Error(Node, key, "required key is missing");

    public SourceLocation KeyLocation(string key) => _entries.TryGetValue(key, out var e) ? Source.At(e.Key) : Location;

    public ScenarioFormatException Error(string key, string problem) =>
        Source.Error(_entries.TryGetValue(key, out var e) ? e.Value : Node, key, problem);

    public string String(string key) => Source.String(Required(key), key);

    public string? OptString(string key) => Get(key) is { } n ? Source.String(n, key) : null;

    public long? OptLong(string key) => Get(key) is { } n ? Source.Long(n, key) : null;

    public long Long(string key) => Source.Long(Required(key), key);

    public bool? OptBool(string key) => Get(key) is { } n ? Source.Bool(n, key) : null;

    public IReadOnlyList<YamlNode> List(string key) => Get(key) is { } n ? Source.Sequence(n, key) : [];

    public IReadOnlyList<string> Strings(string key) => [.. List(key).Select(n => Source.String(n, key))];

    public T Enum<T>(string key, T fallback, IReadOnlyDictionary<string, T> names) =>
        Get(key) is { } n ? Source.Enum(n, key, names) : fallback;

    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s => $"the scalar '{s.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => node.NodeType.ToString().ToLower(CultureInfo.InvariantCulture),
    };
}
