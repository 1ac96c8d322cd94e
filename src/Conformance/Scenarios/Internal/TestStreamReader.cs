using YamlDotNet.RepresentationModel;

namespace BeamConformance.Conformance.Scenarios.Internal;

/// <summary>
/// Reads the events of a <c>beam:transform:teststream:v1</c> payload (format version 2). What only a served
/// TestStream expecting a failure at run may carry (<c>raw_hex</c> elements, <c>empty</c> events, advances that are not
/// negative) is read here and refused elsewhere by <see cref="TestStreamChecks"/>.
/// </summary>
internal static class TestStreamReader
{
    public static TestStreamEvent Event(YamlSource s, YamlNode node, CoderSpec? coder, IReadOnlyDictionary<string, string> outputs)
    {
        var (variant, arg, _) = s.Union(node, "teststream_event", "events");
        var map = YamlMap.Open(s, arg, variant, variant);
        switch (variant)
        {
            case "add_elements":
                var elements = map.List("elements").Select(e => Element(s, e, coder)).ToList();
                if (!map.Has("elements"))
                {
                    throw map.Error("elements", "required key is missing");
                }

                var at = elements.FindIndex(e => e.TimestampMillis is null);
                if (at >= 0)
                {
                    throw s.Error(map.List("elements")[at], "timestamp_ms", "a TestStream element needs its timestamp_ms");
                }

                return new TestStreamEvent.AddElements(Tag(map, outputs), elements);
            case "advance_watermark":
                return new TestStreamEvent.AdvanceWatermark(Tag(map, outputs), s.Timestamp(map.Required("new_watermark_ms"), "new_watermark_ms"));
            case "empty":
                return new TestStreamEvent.Empty();
            default:
                return new TestStreamEvent.AdvanceProcessingTime(map.Long("advance_ms"));
        }
    }

    // An element typed by the coder, or written as its encoded bytes (raw_hex, lower-case hex).
    private static ElementSpec Element(YamlSource s, YamlNode node, CoderSpec? coder)
    {
        if (node is not YamlMappingNode m || !m.Children.ContainsKey(new YamlScalarNode("raw_hex")))
        {
            return PipelineReader.Element(s, node, coder);
        }

        var e = YamlMap.Open(s, node, "element", "elements");
        if (e.Has("value"))
        {
            throw e.Error("raw_hex", "an element has value or raw_hex, not both");
        }

        var hex = e.String("raw_hex");
        if (hex.Length % 2 != 0 || !hex.All(char.IsAsciiHexDigitLower))
        {
            throw e.Error("raw_hex", $"'{hex}' is not lower-case hex bytes");
        }

        return new ElementSpec(new RawEncodedElement(Convert.FromHexString(hex)), e.Get("timestamp_ms") is { } t ? s.Timestamp(t, "timestamp_ms") : null);
    }

    // The tag given, or the only output's tag when the transform has exactly one output.
    private static string Tag(YamlMap map, IReadOnlyDictionary<string, string> outputs) =>
        map.OptString("tag") ?? (outputs.Count == 1
            ? outputs.Keys.First()
            : throw map.Error("tag", $"required when the TestStream has several outputs ({string.Join(", ", outputs.Keys)})"));
}
