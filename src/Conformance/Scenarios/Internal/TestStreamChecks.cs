namespace BeamConformance.Conformance.Scenarios.Internal;

/// <summary>
/// What a TestStream must satisfy to be submitted (unless the scenario expects a failure at Prepare, which is how
/// the rejection of a bad TestStream is tested): at least one output, UNBOUNDED outputs, one coder shared by all outputs (the payload has
/// one <c>coder_id</c>), a coder the suite can encode, events naming known output tags, and per tag a watermark that
/// never goes back.
/// </summary>
internal static class TestStreamChecks
{
    public static void Check(TransformSpec t, TransformPayload.TestStream payload, PipelineSpec pipeline)
    {
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

        var watermarks = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < payload.Events.Count; i++)
        {
            var e = payload.Events[i];
            if (e.Tag is { } tag && !t.Outputs.ContainsKey(tag))
            {
                throw PipelineValidator.Error(t, "events", $"event {i} names output tag '{tag}', not one of the outputs ({string.Join(", ", t.Outputs.Keys)})");
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

    private static bool Custom(CoderSpec coder) => coder.Kind == CoderKind.Custom || coder.Components.Any(Custom);
}
