using BeamConformance.Conformance.Scenarios;
using BeamConformance.Protos.Adapters;
using Google.Protobuf;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.Conformance.Running.Internal;

/// <summary>
/// A scenario TestStream → beam_runner_api.proto <c>TestStreamPayload</c>: <c>coder_id</c> is the outputs' shared
/// coder, each event one <c>Event</c> in order; an element is encoded by that coder in the outer (whole-value)
/// context, as Beam's SDKs encode <c>TimestampedElement.encoded_element</c> (Java <c>CoderUtils.encodeToByteArray</c>,
/// Python <c>coder.encode</c>); tags are the transform's output local names. A served TestStream's payload has its
/// service's <c>endpoint</c> and no events; the service streams the same <c>Event</c> messages.
/// </summary>
internal static class TestStreamProtos
{
    public static TestStreamPayload Payload(PipelineBuilder.BuildContext c, TransformSpec t, TransformPayload.TestStream spec)
    {
        var coderId = c.Components.Pcollections[t.Outputs.Values.First()].CoderId;
        var payload = new TestStreamPayload { CoderId = coderId };
        var events = Events(c, t, spec, coderId);
        if (!spec.Served)
        {
            payload.Events.Add(events);
            return payload;
        }

        var url = spec.EndpointOverride ?? (c.TestStreams?.Serve(t.Name, events)
            ?? throw new InvalidOperationException($"transform '{t.Name}': a served TestStream needs the suite's TestStreamService, which only a run hosts"));
        payload.Endpoint = new ApiServiceDescriptor { Url = url };
        return payload;
    }

    private static List<TestStreamPayload.Types.Event> Events(PipelineBuilder.BuildContext c, TransformSpec t, TransformPayload.TestStream spec, string coderId)
    {
        var coder = c.Components.CreateCoderRegistry().Get(coderId);
        var events = new List<TestStreamPayload.Types.Event>(spec.Events.Count);
        foreach (var e in spec.Events)
        {
            var proto = new TestStreamPayload.Types.Event();
            switch (e)
            {
                case TestStreamEvent.AddElements add:
                    var elements = new TestStreamPayload.Types.Event.Types.AddElements { Tag = add.Tag };
                    elements.Elements.Add(add.Elements.Select(el => new TestStreamPayload.Types.TimestampedElement
                    {
                        EncodedElement = ByteString.CopyFrom(el.Value is RawEncodedElement raw ? raw.Bytes : coder.EncodeToArray(el.Value, nested: false)),
                        Timestamp = el.TimestampMillis ?? throw new InvalidOperationException($"transform '{t.Name}': a TestStream element has no timestamp"),
                    }));
                    proto.ElementEvent = elements;
                    break;
                case TestStreamEvent.AdvanceWatermark w:
                    proto.WatermarkEvent = new() { NewWatermark = w.NewWatermarkMillis, Tag = w.Tag };
                    break;
                case TestStreamEvent.AdvanceProcessingTime p:
                    proto.ProcessingTimeEvent = new() { AdvanceDuration = p.AdvanceMillis };
                    break;
                case TestStreamEvent.Empty:
                    break;
            }

            events.Add(proto);
        }

        return events;
    }
}
