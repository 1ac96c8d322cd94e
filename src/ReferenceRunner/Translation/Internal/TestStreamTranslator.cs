using System.Globalization;
using BeamConformance.Engine;
using BeamConformance.Model;
using BeamConformance.Model.Coders;
using Google.Protobuf;
using Proto = Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Translation.Internal;

/// <summary>
/// TestStream (<c>beam:transform:teststream:v1</c>) at Prepare and in fusion: every problem of its payload (all
/// listed together), and its plan (one engine external input per output).
/// </summary>
internal static class TestStreamTranslator
{
    /// <summary>
    /// The problems of a TestStream leaf: a payload that does not parse, a missing or unbuildable coder, an event
    /// naming an unknown output tag, a watermark going back on a tag, an element that does not decode with the coder,
    /// an element timestamp outside Beam's range, a negative processing-time advance, an event of no kind.
    /// </summary>
    public static List<ValidationProblem> Check(PipelineGraph graph, Leaf leaf)
    {
        var problems = new List<ValidationProblem>();
        if (!TryParse(leaf, problems, out var payload))
        {
            return problems;
        }

        var coder = SourceCoder(graph, leaf.Id, payload, problems);

        // The runner injects every element in the global window, as Beam's TestStream makes them (Java's TestStream
        // output has the global default strategy): an output declared with other windows would hand windows of the
        // wrong kind downstream (a GroupByKey merging a global window as a session; the job used to hang).
        foreach (var (tag, pcollectionId) in leaf.Transform.Outputs.OrderBy(static o => o.Key, StringComparer.Ordinal))
        {
            if (graph.Components.Pcollections.TryGetValue(pcollectionId, out var output)
                && graph.Components.WindowingStrategies.TryGetValue(output.WindowingStrategyId, out var windowing)
                && windowing.WindowFn?.Urn is { } windowFn && windowFn != Urns.WindowFns.GlobalWindows)
            {
                problems.Add(new(leaf.Id, "teststream output", tag,
                    $"output '{tag}' (PCollection '{pcollectionId}') has windowing strategy '{output.WindowingStrategyId}' with {windowFn}: TestStream elements are in the global window (apply WindowInto after the TestStream)"));
            }
        }

        var tags = leaf.Transform.Outputs.Keys.ToList();
        var watermarks = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < payload.Events.Count; i++)
        {
            var e = payload.Events[i];
            var where = $"event {i}";
            switch (e.EventCase)
            {
                case Proto.TestStreamPayload.Types.Event.EventOneofCase.ElementEvent:
                    var elementTag = CheckTag(leaf.Id, tags, e.ElementEvent.Tag, where, problems);
                    for (var j = 0; j < e.ElementEvent.Elements.Count; j++)
                    {
                        var element = e.ElementEvent.Elements[j];
                        if (element.Timestamp < BeamTime.MinTimestampMillis || element.Timestamp > BeamTime.MaxTimestampMillis)
                        {
                            problems.Add(new(leaf.Id, "teststream element", $"{where} element {j}", $"timestamp {element.Timestamp} ms is outside Beam's range [{BeamTime.MinTimestampMillis}, {BeamTime.MaxTimestampMillis}]"));
                        }

                        if (coder is not null && elementTag is not null)
                        {
                            try
                            {
                                TestStreamPlan.CheckDecodes(coder, element.EncodedElement);
                            }
                            catch (CoderException x)
                            {
                                problems.Add(new(leaf.Id, "teststream element", $"{where} element {j}", $"encoded_element {Hex(element.EncodedElement)} does not decode with coder '{payload.CoderId}': {x.Message}"));
                            }
                        }
                    }

                    break;
                case Proto.TestStreamPayload.Types.Event.EventOneofCase.WatermarkEvent:
                    var tag = CheckTag(leaf.Id, tags, e.WatermarkEvent.Tag, where, problems);
                    if (tag is not null)
                    {
                        var now = e.WatermarkEvent.NewWatermark;
                        if (watermarks.TryGetValue(tag, out var before) && now < before)
                        {
                            problems.Add(new(leaf.Id, "teststream watermark", $"{where} tag '{tag}'", $"the watermark goes back from {BeamTime.Format(before)} to {BeamTime.Format(BeamTime.Clamp(now))}"));
                        }
                        else
                        {
                            watermarks[tag] = now;
                        }
                    }

                    break;
                case Proto.TestStreamPayload.Types.Event.EventOneofCase.ProcessingTimeEvent:
                    if (e.ProcessingTimeEvent.AdvanceDuration < 0)
                    {
                        problems.Add(new(leaf.Id, "teststream processing time", where, $"advance_duration {e.ProcessingTimeEvent.AdvanceDuration} ms is negative: processing time never goes back"));
                    }

                    break;
                default:
                    problems.Add(new(leaf.Id, "teststream event", where, "the event has none of watermark_event, processing_time_event, element_event"));
                    break;
            }
        }

        return problems;
    }

    /// <summary>The plan of a validated TestStream leaf.</summary>
    public static TestStreamPlan Plan(PipelineGraph graph, Leaf leaf)
    {
        var problems = new List<ValidationProblem>();
        if (!TryParse(leaf, problems, out var payload) || SourceCoder(graph, leaf.Id, payload, problems) is not { } coder)
        {
            throw new PipelineTranslationException(problems);
        }

        var stageIds = OutputStageIds(graph);
        var outputs = leaf.Transform.Outputs
            .OrderBy(static o => o.Key, StringComparer.Ordinal)
            .Select(o => new TestStreamOutput(o.Key, new StageId(stageIds[(leaf.Id, o.Key)]), new PCollectionId(o.Value)))
            .ToList();
        return new TestStreamPlan(leaf.Id, payload, outputs, coder);
    }

    /// <summary>
    /// The engine stage of every TestStream output of <paramref name="graph"/>, by transform id and tag: the transform
    /// id (one output) or "&lt;id&gt;:&lt;tag&gt;", suffixed "_2", "_3"... when that names a transform of the pipeline (the
    /// runner-side ones are stages under their own ids) or an output before it (TestStreams in leaf order, tags in
    /// ordinal order). The fuser keeps its own stage ids apart from these.
    /// </summary>
    public static Dictionary<(string Transform, string Tag), string> OutputStageIds(PipelineGraph graph)
    {
        var ids = new Dictionary<(string, string), string>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var leaf in graph.Leaves.Where(static l => l.Preparer is Preparers.TestStreamPreparer))
        {
            foreach (var tag in leaf.Transform.Outputs.Keys.Order(StringComparer.Ordinal))
            {
                var stem = leaf.Transform.Outputs.Count == 1 ? leaf.Id : $"{leaf.Id}:{tag}";
                var id = stem;
                for (var n = 2; (id != leaf.Id && graph.Components.Transforms.ContainsKey(id)) || used.Contains(id); n++)
                {
                    id = stem + "_" + n.ToString(CultureInfo.InvariantCulture);
                }

                used.Add(id);
                ids[(leaf.Id, tag)] = id;
            }
        }

        return ids;
    }

    private static bool TryParse(Leaf leaf, List<ValidationProblem> problems, out Proto.TestStreamPayload payload)
    {
        try
        {
            payload = Proto.TestStreamPayload.Parser.ParseFrom(leaf.Transform.Spec.Payload);
            return true;
        }
        catch (InvalidProtocolBufferException e)
        {
            problems.Add(new(leaf.Id, "payload", Model.Urns.Transforms.TestStream, "invalid TestStreamPayload: " + e.Message));
            payload = new();
            return false;
        }
    }

    private static Coder? SourceCoder(PipelineGraph graph, string id, Proto.TestStreamPayload payload, List<ValidationProblem> problems)
    {
        if (payload.CoderId.Length == 0)
        {
            problems.Add(new(id, "coder", "", "the TestStreamPayload has no coder_id"));
            return null;
        }

        if (!graph.Coders.Contains(payload.CoderId))
        {
            problems.Add(new(id, "dangling reference", payload.CoderId, $"the TestStreamPayload's coder '{payload.CoderId}' does not exist"));
            return null;
        }

        try
        {
            return graph.Coders.ModelCoder(payload.CoderId);
        }
        catch (Exception e) when (e is CoderException or InvalidOperationException or KeyNotFoundException)
        {
            problems.Add(new(id, "coder", payload.CoderId, "the runner cannot build the TestStream's coder: " + e.Message));
            return null;
        }
    }

    private static string? CheckTag(string id, List<string> tags, string tag, string where, List<ValidationProblem> problems)
    {
        if (tags.Contains(tag))
        {
            return tag;
        }

        if (tag.Length == 0 && tags.Count == 1)
        {
            return tags[0];
        }

        problems.Add(new(id, "teststream tag", $"{where} tag '{tag}'", $"names no output of the TestStream (outputs: {string.Join(", ", tags.Select(static t => $"'{t}'"))})"));
        return null;
    }

    private static string Hex(ByteString bytes) =>
        bytes.Length <= 32 ? Convert.ToHexStringLower(bytes.Span) : Convert.ToHexStringLower(bytes.Span[..32]) + $"... ({bytes.Length} bytes)";
}
