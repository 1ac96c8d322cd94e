namespace BeamConformance.Conformance.Scenarios.Internal;

/// <summary>
/// What a TestStream must satisfy to be submitted (unless the scenario expects a failure at Prepare, which is how
/// the rejection of a bad TestStream is tested): at least one output, UNBOUNDED outputs, one coder shared by all outputs (the payload has
/// one <c>coder_id</c>), a coder the suite can encode, events naming known output tags, and per tag a watermark that
/// never goes back. A served TestStream (<c>served: true</c>) whose scenario expects a failure at run may break the event
/// rules (unknown tag, watermark going back, a processing-time advance that is negative, <c>raw_hex</c> elements,
/// <c>empty</c> events, timestamps outside Beam's range): that is how a runner's checks of streamed events are reached.
/// </summary>
internal static class TestStreamChecks
{
    public static void Check(TransformSpec t, TransformPayload.TestStream payload, PipelineSpec pipeline, bool runFailureExpected)
    {
        if (!payload.Served && (payload.FailAfter is not null || payload.EndpointOverride is not null))
        {
            throw PipelineValidator.Error(t, payload.FailAfter is not null ? "fail_after" : "endpoint_override", "only a served TestStream (served: true) takes this key");
        }

        if (t.Outputs.Count == 0)
        {
            throw PipelineValidator.Error(t, "outputs", $"{ScenarioUrns.TestStream} needs at least one output");
        }

        if (t.Outputs.Values.FirstOrDefault(id => pipeline.PCollections[id].Bounded) is { } bounded)
        {
            throw PipelineValidator.Error(t, "outputs", $"a TestStream's output '{bounded}' is UNBOUNDED (declare it with bounded: false)");
        }

        var coders = t.Outputs.Values.Select(id => pipeline.PCollections[id].Coder).Distinct().ToList();
        if (coders.Count != 1)
        {
            throw PipelineValidator.Error(t, "outputs", $"every output of a TestStream has the same coder (the payload's one coder_id), got {string.Join(", ", coders)}");
        }

        if (Custom(coders[0]))
        {
            throw PipelineValidator.Error(t, "outputs", $"a TestStream's elements are encoded by the suite, which cannot encode custom coder '{coders[0]}'");
        }

        if (payload.Served && runFailureExpected)
        {
            return;
        }

        var watermarks = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < payload.Events.Count; i++)
        {
            var e = payload.Events[i];
            if (e.Tag is { } tag && !t.Outputs.ContainsKey(tag))
            {
                throw PipelineValidator.Error(t, "events", $"event {i} names output tag '{tag}', not one of the outputs ({string.Join(", ", t.Outputs.Keys)})");
            }

            if (Fault(e) is { } fault)
            {
                throw PipelineValidator.Error(t, "events", $"event {i} {fault}: only a served TestStream (served: true) whose scenario expects a failure at run may send it");
            }

            if (e is TestStreamEvent.AdvanceWatermark w)
            {
                if (watermarks.TryGetValue(w.Tag!, out var before) && w.NewWatermarkMillis < before)
                {
                    throw PipelineValidator.Error(t, "events", $"event {i} moves the watermark of '{w.Tag}' back from {before} to {w.NewWatermarkMillis} ms");
                }

                watermarks[w.Tag!] = w.NewWatermarkMillis;
            }
        }
    }

    // What makes an event invalid on its own, or null.
    private static string? Fault(TestStreamEvent e) => e switch
    {
        TestStreamEvent.Empty => "has no case set",
        TestStreamEvent.AdvanceProcessingTime { AdvanceMillis: < 0 } p => $"advances processing time by {p.AdvanceMillis} ms (must be >= 0)",
        TestStreamEvent.AddElements a when a.Elements.Any(static x => x.Value is RawEncodedElement) => "has a raw_hex element",
        TestStreamEvent.AddElements a when a.Elements.Any(static x => x.TimestampMillis is < Model.BeamTime.MinTimestampMillis or > Model.BeamTime.MaxTimestampMillis) =>
            "has an element timestamp outside Beam's range",
        _ => null,
    };

    private static bool Custom(CoderSpec coder) => coder.Kind == CoderKind.Custom || coder.Components.Any(Custom);
}
