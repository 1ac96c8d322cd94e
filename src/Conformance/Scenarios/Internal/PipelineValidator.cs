namespace BeamConformance.Conformance.Scenarios.Internal;

/// <summary>
/// Checks a pipeline's references and per-URN shapes. Skipped for scenarios that expect a Prepare
/// failure, whose pipelines are malformed on purpose.
/// </summary>
internal static class PipelineValidator
{
    public static void Validate(PipelineSpec pipeline, bool runFailureExpected)
    {
        foreach (var pc in pipeline.PCollections.Values.Where(pc => !pipeline.WindowingStrategies.ContainsKey(pc.Windowing)))
        {
            throw new ScenarioFormatException(pipeline.Transforms[0].Location, "windowing", $"PCollection '{pc.Id}' names unknown windowing strategy '{pc.Windowing}'");
        }

        var producers = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = pipeline.Transforms.Select(static t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var t in pipeline.Transforms)
        {
            if (t.Subtransforms is { } parts)
            {
                // A composite: its parts produce its outputs, so only its references are checked here.
                CheckComposite(t, parts, names, pipeline);
                continue;
            }

            foreach (var id in t.Inputs.Concat(t.SideInputs.Values.Select(si => si.PCollection)))
            {
                if (!pipeline.PCollections.ContainsKey(id))
                {
                    throw Error(t, "inputs", $"unknown PCollection '{id}'");
                }

                if (!producers.ContainsKey(id))
                {
                    throw Error(t, "inputs", $"PCollection '{id}' is consumed before a transform produces it (transforms are listed in topological order)");
                }
            }

            foreach (var id in t.Outputs.Values)
            {
                if (!pipeline.PCollections.ContainsKey(id))
                {
                    throw Error(t, "outputs", $"unknown PCollection '{id}'");
                }

                if (!producers.TryAdd(id, t.Name))
                {
                    throw Error(t, "outputs", $"PCollection '{id}' is already produced by '{producers[id]}'");
                }
            }

            CheckShape(t, pipeline, runFailureExpected);
        }
    }

    private static void CheckComposite(TransformSpec t, IReadOnlyList<string> parts, IReadOnlySet<string> names, PipelineSpec pipeline)
    {
        foreach (var part in parts.Where(p => !names.Contains(p) || p == t.Name))
        {
            throw Error(t, "subtransforms", part == t.Name ? "a transform is not its own subtransform" : $"unknown transform '{part}'");
        }

        foreach (var id in t.Inputs.Concat(t.Outputs.Values).Where(id => !pipeline.PCollections.ContainsKey(id)))
        {
            throw Error(t, t.Inputs.Contains(id) ? "inputs" : "outputs", $"unknown PCollection '{id}'");
        }
    }

    private static void CheckShape(TransformSpec t, PipelineSpec pipeline, bool runFailureExpected)
    {
        if (t.Opaque)
        {
            return;
        }

        var (minInputs, maxInputs, outputs) = t.Urn switch
        {
            ScenarioUrns.Impulse => (0, 0, 1),
            ScenarioUrns.TestStream => (0, 0, -1),
            ScenarioUrns.Capture => (1, 1, 0),
            ScenarioUrns.Flatten => (1, int.MaxValue, 1),
            ScenarioUrns.MultiOutput => (1, 1, -1),
            ScenarioUrns.ReadSideInputs => (1, 1, -1),
            _ => (1, 1, 1),
        };
        if (t.Inputs.Count < minInputs || t.Inputs.Count > maxInputs)
        {
            throw Error(t, "inputs", $"{t.Urn} takes {(minInputs == maxInputs ? minInputs.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"at least {minInputs}")} main input(s), got {t.Inputs.Count}");
        }

        if (outputs >= 0 && t.Outputs.Count != outputs)
        {
            throw Error(t, "outputs", $"{t.Urn} has {outputs} output(s), got {t.Outputs.Count}");
        }

        IEnumerable<string>? tags = t.Payload switch
        {
            TransformPayload.MultiOutput m => m.Routes.Keys,
            _ when t.Urn == ScenarioUrns.ReadSideInputs => t.SideInputs.Keys,
            _ => null,
        };
        if (tags is not null && !tags.ToHashSet(StringComparer.Ordinal).SetEquals(t.Outputs.Keys))
        {
            throw Error(t, "outputs", $"output tags ({string.Join(", ", t.Outputs.Keys)}) must be exactly {(t.Urn == ScenarioUrns.ReadSideInputs ? "the side input names" : "the route tags")} ({string.Join(", ", tags)})");
        }

        if (t.Payload is TransformPayload.TestStream ts)
        {
            TestStreamChecks.Check(t, ts, pipeline, runFailureExpected);
        }

        if (t.Urn == ScenarioUrns.ReadSideInputs && t.SideInputs.Count == 0)
        {
            throw Error(t, "side_inputs", "read_side_inputs needs at least one side input");
        }
    }

    internal static ScenarioFormatException Error(TransformSpec t, string key, string problem) =>
        new(t.Location, key, $"transform '{t.Name}': {problem}");
}
