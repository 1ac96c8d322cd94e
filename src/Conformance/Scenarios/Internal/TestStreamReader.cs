using YamlDotNet.RepresentationModel;

namespace BeamConformance.Conformance.Scenarios.Internal;

/// <summary>Reads the events of a <c>beam:transform:teststream:v1</c> payload (format version 2).</summary>
internal static class TestStreamReader
{
    public static TestStreamEvent Event(YamlSource s, YamlNode node, CoderSpec? coder, IReadOnlyDictionary<string, string> outputs)
    {
        var (variant, arg, _) = s.Union(node, "teststream_event", "events");
        var map = YamlMap.Open(s, arg, variant, variant);
        switch (variant)
        {
            case "add_elements":
                var elements = map.List("elements").Select(e => PipelineReader.Element(s, e, coder)).ToList();
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
            default:
                var by = map.Long("advance_ms");
                return by > 0 ? new TestStreamEvent.AdvanceProcessingTime(by) : throw map.Error("advance_ms", "must be > 0 (processing time only moves forward)");
        }
    }

    // The tag given, or the only output's tag when the transform has exactly one output.
    private static string Tag(YamlMap map, IReadOnlyDictionary<string, string> outputs) =>
        map.OptString("tag") ?? (outputs.Count == 1
            ? outputs.Keys.First()
            : throw map.Error("tag", $"required when the TestStream has several outputs ({string.Join(", ", outputs.Keys)})"));
}
