using System.Globalization;
using BeamConformance.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BeamConformance.Conformance.Scenarios.Internal;

/// <summary>Reads YAML values as typed C# values: by coder (elements) or by inference (function literals).</summary>
internal static class ValueReader
{
    public static object? Typed(YamlSource source, YamlNode node, CoderSpec coder, string key)
    {
        switch (coder.Kind)
        {
            case CoderKind.VarInt:
                return source.Long(node, key);
            case CoderKind.Double:
                return source.Double(node, key);
            case CoderKind.Bool:
                return source.Bool(node, key);
            case CoderKind.StringUtf8:
                return node is YamlScalarNode { Value: { } s } ? s : throw source.Error(node, key, $"expected a string (coder {coder}), got {YamlMap.Describe(node)}");
            case CoderKind.Bytes or CoderKind.Custom:
                return Bytes(source, node, key, coder);
            case CoderKind.KV:
                var pair = source.Sequence(node, key);
                if (pair.Count != 2)
                {
                    throw source.Error(node, key, $"a {coder} value is a two-item list [key, value], got {pair.Count} items");
                }

                return new KV(Typed(source, pair[0], coder.KeyCoder, key), Typed(source, pair[1], coder.ValueCoder, key));
            default:
                return source.Sequence(node, key).Select(n => Typed(source, n, coder.ElementCoder, key)).ToArray();
        }
    }

    public static object? Inferred(YamlSource source, YamlNode node, string key)
    {
        switch (node)
        {
            case YamlSequenceNode seq:
                return seq.Children.Select(n => Inferred(source, n, key)).ToArray();
            case YamlMappingNode:
                return Bytes(source, node, key, null);
            case YamlScalarNode { Style: not ScalarStyle.Plain, Value: var quoted }:
                return quoted ?? "";
            case YamlScalarNode { Value: "true" or "false" } b:
                return b.Value == "true";
            case YamlScalarNode { Value: { } v } when long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l):
                return l;
            case YamlScalarNode { Value: { } v } when v.StartsWith('.') || v.StartsWith("-.", StringComparison.Ordinal)
                                                      || double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _):
                return source.Double(node, key);
            case YamlScalarNode { Value: { } v }:
                return v;
            default:
                throw source.Error(node, key, $"unsupported value {YamlMap.Describe(node)}");
        }
    }

    public static byte[] Bytes(YamlSource source, YamlNode node, string key, CoderSpec? coder)
    {
        if (node is YamlScalarNode { Value: { } text })
        {
            return System.Text.Encoding.UTF8.GetBytes(text);
        }

        if (node is YamlMappingNode { Children.Count: 1 } map
            && map.Children.Single() is { Key: YamlScalarNode { Value: "hex" }, Value: YamlScalarNode { Value: { } hex } })
        {
            try
            {
                return Convert.FromHexString(hex);
            }
            catch (FormatException)
            {
                throw source.Error(node, key, $"'{hex}' is not an even number of hex digits");
            }
        }

        throw source.Error(node, key, $"expected a byte string (\"text\" or {{hex: \"00ff\"}}){(coder is null ? "" : $" for coder {coder}")}, got {YamlMap.Describe(node)}");
    }
}
