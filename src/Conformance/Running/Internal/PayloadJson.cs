using System.Globalization;
using System.Text;
using System.Text.Json;
using BeamConformance.Conformance.Scenarios;
using BeamConformance.Conformance.Scenarios.Internal;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BeamConformance.Conformance.Running.Internal;

/// <summary>
/// Turns a scenario's YAML payload nodes into the UTF-8 JSON the FakeHarness reads (the wire contract:
/// maps → objects, lists → arrays, integers → int64, other numbers → JSON numbers with a fraction or exponent,
/// <c>.nan</c>/<c>.inf</c>/<c>-.inf</c> → those strings, booleans, strings; <c>timestamp_ms</c> symbols resolved to ms).
/// </summary>
internal static class PayloadJson
{
    /// <summary>The payload node of each transform of the scenario file, by transform name (absent when none).</summary>
    public static IReadOnlyDictionary<string, YamlNode> PayloadNodes(string fileName, string yamlText)
    {
        var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var root = YamlSource.Parse(fileName, yamlText);
        if (root is YamlMappingNode top
            && top.Children.TryGetValue(new YamlScalarNode("pipeline"), out var pipeline) && pipeline is YamlMappingNode p
            && p.Children.TryGetValue(new YamlScalarNode("transforms"), out var transforms) && transforms is YamlSequenceNode list)
        {
            foreach (var t in list.Children.OfType<YamlMappingNode>())
            {
                if (t.Children.TryGetValue(new YamlScalarNode("name"), out var name) && name is YamlScalarNode { Value: { } n }
                    && t.Children.TryGetValue(new YamlScalarNode("payload"), out var payload))
                {
                    result[n] = payload;
                }
            }
        }

        return result;
    }

    /// <summary>The JSON object of <paramref name="payload"/> (or <c>{}</c>) with the <c>run</c> key added.</summary>
    public static byte[] WithRun(YamlNode? payload, string runId, IEnumerable<KeyValuePair<string, Action<Utf8JsonWriter>>>? extra = null)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            if (payload is YamlMappingNode map)
            {
                foreach (var (key, value) in map.Children)
                {
                    var name = ((YamlScalarNode)key).Value ?? "";
                    w.WritePropertyName(name);
                    Write(w, value, name);
                }
            }

            foreach (var (key, write) in extra ?? [])
            {
                w.WritePropertyName(key);
                write(w);
            }

            w.WriteString("run", runId);
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>A JSON object built from named writers, with the <c>run</c> key added.</summary>
    public static byte[] Object(string runId, params (string Key, Action<Utf8JsonWriter> Write)[] properties) =>
        WithRun(null, runId, properties.Select(p => KeyValuePair.Create(p.Key, p.Write)));

    /// <summary>Writes a typed scenario value (as the loader produced it) as JSON.</summary>
    public static void WriteValue(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case long l: w.WriteNumberValue(l); break;
            case double d: WriteDouble(w, d); break;
            case bool b: w.WriteBooleanValue(b); break;
            case string s: w.WriteStringValue(s); break;
            case byte[] bytes:
                w.WriteStartObject();
                w.WriteString("hex", Convert.ToHexString(bytes).ToLowerInvariant());
                w.WriteEndObject();
                break;
            case Model.KV kv:
                w.WriteStartArray();
                WriteValue(w, kv.Key);
                WriteValue(w, kv.Value);
                w.WriteEndArray();
                break;
            case System.Collections.IEnumerable items:
                w.WriteStartArray();
                foreach (var item in items)
                {
                    WriteValue(w, item);
                }

                w.WriteEndArray();
                break;
            default: throw new ArgumentException($"cannot write a {value.GetType().Name} as a payload value", nameof(value));
        }
    }

    private static void Write(Utf8JsonWriter w, YamlNode node, string key)
    {
        switch (node)
        {
            case YamlMappingNode map:
                w.WriteStartObject();
                foreach (var (k, v) in map.Children)
                {
                    var name = ((YamlScalarNode)k).Value ?? "";
                    w.WritePropertyName(name);
                    Write(w, v, name);
                }

                w.WriteEndObject();
                break;
            case YamlSequenceNode seq:
                w.WriteStartArray();
                foreach (var item in seq.Children)
                {
                    Write(w, item, key);
                }

                w.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                WriteScalar(w, scalar, key);
                break;
            default:
                throw new InvalidOperationException($"unsupported YAML node {node.NodeType} in a payload");
        }
    }

    private static void WriteScalar(Utf8JsonWriter w, YamlScalarNode scalar, string key)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain)
        {
            w.WriteStringValue(text);
            return;
        }

        if (key == "timestamp_ms" && text is "min_timestamp" or "max_timestamp" or "end_of_global_window")
        {
            w.WriteNumberValue(text switch
            {
                "min_timestamp" => Model.BeamTime.MinTimestampMillis,
                "max_timestamp" => Model.BeamTime.MaxTimestampMillis,
                _ => Model.BeamTime.EndOfGlobalWindowMillis,
            });
            return;
        }

        switch (text)
        {
            case "true": w.WriteBooleanValue(true); return;
            case "false": w.WriteBooleanValue(false); return;
            case "~" or "null" or "": w.WriteNullValue(); return;
            case ".nan" or ".NaN" or ".NAN": w.WriteStringValue(".nan"); return;
            case ".inf" or "+.inf" or ".Inf" or "+.Inf": w.WriteStringValue(".inf"); return;
            case "-.inf" or "-.Inf": w.WriteStringValue("-.inf"); return;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            w.WriteNumberValue(l);
        }
        else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            WriteDouble(w, d);
        }
        else
        {
            w.WriteStringValue(text);
        }
    }

    private static void WriteDouble(Utf8JsonWriter w, double d)
    {
        if (double.IsNaN(d))
        {
            w.WriteStringValue(".nan");
        }
        else if (double.IsInfinity(d))
        {
            w.WriteStringValue(d > 0 ? ".inf" : "-.inf");
        }
        else
        {
            // Always with a fraction or exponent so that the harness reads a double, never an int64.
            var r = d.ToString("R", CultureInfo.InvariantCulture);
            if (!r.Contains('.', StringComparison.Ordinal) && !r.Contains('E', StringComparison.Ordinal))
            {
                r += ".0";
            }

            w.WriteRawValue(Encoding.UTF8.GetBytes(r.Replace("E+", "E", StringComparison.Ordinal)));
        }
    }
}
