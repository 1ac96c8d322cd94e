using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BeamConformance.Conformance.Coders;

/// <summary>Reads a multi-document coder vector YAML file (Beam's <c>standard_coders.yaml</c> format).</summary>
public static class CoderVectorFile
{
    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    /// <exception cref="CoderVectorFormatException">Invalid YAML or a document that breaks the format.</exception>
    public static IReadOnlyList<CoderVectorDocument> Load(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(reader, path);
    }

    /// <summary>Reads documents from <paramref name="text"/>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="CoderVectorFormatException">Invalid YAML or a document that breaks the format.</exception>
    public static IReadOnlyList<CoderVectorDocument> Parse(TextReader text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stream = new YamlStream();
        try
        {
            stream.Load(text);
        }
        catch (YamlException e)
        {
            throw new CoderVectorFormatException($"{source}:{e.Start.Line}: invalid YAML: {e.Message}", e);
        }

        var documents = new List<CoderVectorDocument>();
        foreach (var document in stream.Documents)
        {
            if (document.RootNode is YamlScalarNode { Value: null or "" })
            {
                continue;
            }

            var line = (int)document.RootNode.Start.Line;
            if (document.RootNode is not YamlMappingNode root)
            {
                throw Error(source, line, "a document must be a mapping with coder and examples");
            }

            var coder = ReadSpec(Child(root, "coder") ?? throw Error(source, line, "missing 'coder'"), source);
            bool? nested = Child(root, "nested") is YamlScalarNode n ? ParseBool(n, source) : null;
            if (Child(root, "examples") is not YamlMappingNode examples)
            {
                throw Error(source, line, "missing 'examples' mapping");
            }

            var list = examples.Children
                .Select(pair => new CoderVectorExample((int)pair.Key.Start.Line, ToBytes(pair.Key, source), pair.Value))
                .ToList();
            documents.Add(new CoderVectorDocument(documents.Count, line, coder, nested, list));
        }

        return documents;
    }

    private static CoderVectorSpec ReadSpec(YamlNode node, string source)
    {
        var line = (int)node.Start.Line;
        if (node is not YamlMappingNode map)
        {
            throw Error(source, line, "'coder' must be a mapping");
        }

        var urn = (Child(map, "urn") as YamlScalarNode)?.Value ?? throw Error(source, line, "coder without 'urn'");
        var payload = Child(map, "payload") is { } p ? ToBytes(p, source) : [];
        var components = Child(map, "components") switch
        {
            null => [],
            YamlSequenceNode seq => seq.Children.Select(c => ReadSpec(c, source)).ToArray(),
            _ => throw Error(source, line, "'components' must be a sequence"),
        };
        var nonDeterministic = Child(map, "non_deterministic") is YamlScalarNode nd && ParseBool(nd, source);
        return new CoderVectorSpec(urn, payload, components, nonDeterministic);
    }

    /// <summary>The child of <paramref name="map"/> under <paramref name="key"/>, or null.</summary>
    internal static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    /// <summary>The bytes of an escaped YAML string: each character is one byte (U+0000..U+00FF).</summary>
    internal static byte[] ToBytes(YamlNode node, string source)
    {
        if (node is not YamlScalarNode { Value: { } text })
        {
            throw Error(source, (int)node.Start.Line, "expected a string of bytes");
        }

        var bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] > 0xFF)
            {
                throw Error(source, (int)node.Start.Line, $"character U+{(int)text[i]:X4} at index {i} is not a byte (escape bytes as \\u00XX)");
            }

            bytes[i] = (byte)text[i];
        }

        return bytes;
    }

    private static bool ParseBool(YamlScalarNode node, string source) =>
        bool.TryParse(node.Value, out var b) ? b : throw Error(source, (int)node.Start.Line, $"expected true or false, got '{node.Value}'");

    private static CoderVectorFormatException Error(string source, int line, string message) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{source}:{line}: {message}"));
}
