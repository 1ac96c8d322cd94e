using BeamConformance.Model.Windowing;
using YamlDotNet.RepresentationModel;

namespace BeamConformance.Conformance.Scenarios.Internal;

/// <summary>Reads the <c>pipeline</c> section. References are checked later by <see cref="PipelineValidator"/>.</summary>
internal static class PipelineReader
{
    private static readonly Dictionary<string, SideInputView> Views = new(StringComparer.Ordinal)
    {
        ["iterable"] = SideInputView.Iterable, ["multimap"] = SideInputView.Multimap,
        ["multimap_keys"] = SideInputView.MultimapKeys, ["singleton"] = SideInputView.Singleton,
    };

    private static readonly Dictionary<string, CombineFnKind> CombineFns = new(StringComparer.Ordinal)
    {
        ["sum"] = CombineFnKind.Sum, ["count"] = CombineFnKind.Count, ["min"] = CombineFnKind.Min,
        ["max"] = CombineFnKind.Max, ["mean"] = CombineFnKind.Mean, ["to_list"] = CombineFnKind.ToList,
    };

    /// <param name="s">The file.</param>
    /// <param name="node">The <c>pipeline</c> node.</param>
    /// <param name="prepareFailureExpected">True when the scenario expects Prepare to fail: a negative allowed lateness is then kept.</param>
    public static PipelineSpec Read(YamlSource s, YamlNode node, bool prepareFailureExpected)
    {
        var map = YamlMap.Open(s, node, "pipeline", "pipeline");
        var strategies = new Dictionary<string, WindowingStrategy>(StringComparer.Ordinal) { [PipelineSpec.GlobalStrategyId] = WindowingStrategy.Default with { AssignsToOneWindow = true } };
        if (map.Get("windowing_strategies") is { } ws)
        {
            foreach (var (id, value) in Entries(s, ws, "windowing_strategies"))
            {
                if (id.Text == PipelineSpec.GlobalStrategyId)
                {
                    throw s.Error(id.Node, id.Text, "the global windowing strategy is predefined and may not be redefined");
                }

                strategies[id.Text] = WindowingReader.Strategy(s, id.Text, value, prepareFailureExpected);
            }
        }

        var pcollections = new Dictionary<string, PCollectionSpec>(StringComparer.Ordinal);
        foreach (var (id, value) in Entries(s, map.Required("pcollections"), "pcollections"))
        {
            var pc = YamlMap.Open(s, value, "pcollection", id.Text);
            CoderSpec coder;
            try
            {
                coder = CoderSpec.Parse(pc.String("coder"));
            }
            catch (FormatException e)
            {
                throw pc.Error("coder", e.Message);
            }

            pcollections[id.Text] = new PCollectionSpec(id.Text, coder, pc.OptString("windowing") ?? PipelineSpec.GlobalStrategyId, pc.OptBool("bounded") ?? true);
        }

        var transforms = new List<TransformSpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var uniqueNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in map.List("transforms"))
        {
            var transform = Transform(s, t, pcollections);
            if (!names.Add(transform.Name))
            {
                throw s.Error(t, "name", $"transform name '{transform.Name}' is used twice");
            }

            if (!uniqueNames.Add(transform.UniqueName ?? transform.Name))
            {
                throw s.Error(t, transform.UniqueName is null ? "name" : "unique_name", $"unique name '{transform.UniqueName ?? transform.Name}' is used twice (a PTransform's unique_name is unique in its pipeline; without unique_name it is the name)");
            }

            transforms.Add(transform);
        }

        if (transforms.Count == 0)
        {
            throw map.Error("transforms", "a pipeline needs at least one transform");
        }

        var emptyComposites = map.OptLong("empty_composites") ?? 0;
        if (emptyComposites is < 0 or > MaxGenerated)
        {
            throw map.Error("empty_composites", $"{emptyComposites} is not from 0 to {MaxGenerated}");
        }

        return new PipelineSpec(strategies, pcollections, transforms, map.Strings("requirements"))
        {
            Environments = Environments(s, map),
            ComponentsJson = ComponentsJson(map),
            RootTransformIds = map.Has("root_transform_ids") ? map.Strings("root_transform_ids") : null,
            WithoutComponents = map.OptBool("without_components") ?? false,
            EmptyComposites = (int)emptyComposites,
        };
    }

    // components_json: a Components message in the protobuf JSON mapping (unknown fields are errors).
    private static string? ComponentsJson(YamlMap map)
    {
        if (map.OptString("components_json") is not { } json)
        {
            return null;
        }

        try
        {
            _ = Org.Apache.Beam.Model.Pipeline.V1.Components.Parser.ParseJson(json);
        }
        catch (Exception e) when (e is Google.Protobuf.InvalidProtocolBufferException or Google.Protobuf.InvalidJsonException or FormatException)
        {
            throw map.Error("components_json", "not a beam_runner_api.proto Components in the protobuf JSON mapping: " + e.Message);
        }

        return json;
    }

    // The most transforms empty_composites or wrapped_in may generate (the runner's limits are 100,000 and 256).
    private const int MaxGenerated = 200_000;

    private static IEnumerable<((string Text, YamlNode Node) Key, YamlNode Value)> Entries(YamlSource s, YamlNode node, string key)
    {
        if (node is not YamlMappingNode mapping)
        {
            throw s.Error(node, key, $"expected a mapping of id → definition, got {YamlMap.Describe(node)}");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (k, v) in mapping.Children)
        {
            var text = s.String(k, key);
            if (!seen.Add(text))
            {
                throw s.Error(k, text, "duplicate key");
            }

            yield return ((text, k), v);
        }
    }

    private static TransformSpec Transform(YamlSource s, YamlNode node, IReadOnlyDictionary<string, PCollectionSpec> pcollections)
    {
        var map = YamlMap.Open(s, node, "transform", "transforms", ScenarioFormat.ReservedTransformKeys);
        foreach (var reserved in ScenarioFormat.ReservedTransformKeys.Where(map.Has))
        {
            throw map.Error(reserved, "reserved for a later format version (user state, timers, splittable DoFns); format 1 does not support it");
        }

        var name = map.String("name");
        var urn = map.String("urn");
        var opaque = map.OptBool("opaque") ?? false;
        if (!ScenarioUrns.PayloadKeys.TryGetValue(urn, out var payloadKeys))
        {
            if (!opaque)
            {
                throw map.Error("urn", $"unknown transform URN '{urn}' (mark a deliberately unknown URN with opaque: true)");
            }

            payloadKeys = new HashSet<string>();
        }
        else if (opaque)
        {
            throw map.Error("opaque", $"'{urn}' is a known URN; opaque: true is only for unknown ones");
        }

        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (map.Get("outputs") is { } o)
        {
            foreach (var (tag, value) in Entries(s, o, "outputs"))
            {
                outputs[tag.Text] = s.String(value, tag.Text);
            }
        }

        var sideInputs = new Dictionary<string, SideInputSpec>(StringComparer.Ordinal);
        if (map.Get("side_inputs") is { } si)
        {
            // timers: a stateful stage that also serves side inputs, for the harness faults on them (testdata/README.md, "Harness faults").
            if (urn is not (ScenarioUrns.ReadSideInputs or ScenarioUrns.OffsetRangeSdf or ScenarioUrns.Timers or ScenarioUrns.Misanswer))
            {
                throw map.Error("side_inputs", $"only {ScenarioUrns.ReadSideInputs}, {ScenarioUrns.OffsetRangeSdf}, {ScenarioUrns.Timers} and {ScenarioUrns.Misanswer} take side inputs");
            }

            foreach (var (local, value) in Entries(s, si, "side_inputs"))
            {
                var side = YamlMap.Open(s, value, "side_input", local.Text);
                var pcollection = side.String("pcollection");
                var view = side.Enum("view", SideInputView.Iterable, Views);
                if (!side.Has("view"))
                {
                    throw side.Error("view", "required key is missing");
                }

                object? defaultValue = null;
                if (side.Get("default") is { } d)
                {
                    if (view != SideInputView.Singleton)
                    {
                        throw side.Error("default", "only a singleton view has a default");
                    }

                    defaultValue = pcollections.TryGetValue(pcollection, out var sp) ? ValueReader.Typed(s, d, sp.Coder, "default") : ValueReader.Inferred(s, d, "default");
                }

                sideInputs[local.Text] = new SideInputSpec(local.Text, pcollection, view, defaultValue, side.Has("default"));
            }
        }

        var payload = map.Get("payload") is { } p
            ? Payload(s, p, urn, payloadKeys, (outputs.Count == 1 || urn == ScenarioUrns.TestStream) && outputs.Count > 0 && pcollections.TryGetValue(outputs.Values.First(), out var outPc) ? outPc.Coder : null, outputs)
            : payloadKeys.Count == 0 ? TransformPayload.Empty : throw map.Error("payload", $"{urn} needs a payload ({string.Join(", ", payloadKeys)})");

        if (urn == ScenarioUrns.OffsetRangeSdf && map.Get("payload") is { } sdfPayload)
        {
            var read = YamlMap.Open(s, sdfPayload, "payload", "payload");
            if (read.Get("side_input") is { } sideName ? !sideInputs.ContainsKey(s.String(sideName, "side_input")) : sideInputs.Count > 0)
            {
                throw read.Error("side_input", $"the test SDF's side_input must name one of its side_inputs ({string.Join(", ", sideInputs.Keys)})");
            }

            if (read.Get("restriction_reads_side_input") is { } reads && s.Bool(reads, "restriction_reads_side_input") && !read.Has("side_input"))
            {
                throw read.Error("restriction_reads_side_input", "needs side_input (the side input the restriction reads)");
            }
        }

        var uniqueName = map.OptString("unique_name");
        if (uniqueName is { Length: 0 })
        {
            throw map.Error("unique_name", "a unique name is not empty (leave the key out to use the name)");
        }

        var wrappedIn = map.OptLong("wrapped_in") ?? 0;
        if (wrappedIn is < 0 or > MaxGenerated)
        {
            throw map.Error("wrapped_in", $"{wrappedIn} is not from 0 to {MaxGenerated}");
        }

        var overrides = map.Get("pardo_payload") is { } pardoPayload ? ParDoPayloadReader.Read(s, map, pardoPayload, urn, opaque) : null;
        return new TransformSpec(name, urn, map.Strings("inputs"), sideInputs, outputs, payload, opaque, map.Location)
        {
            UniqueName = uniqueName,
            Annotations = map.Get("annotations") is { } a ? StringMap(s, a, "annotations") : new Dictionary<string, string>(StringComparer.Ordinal),
            EnvironmentId = map.OptString("environment"),
            Subtransforms = map.Has("subtransforms") ? map.Strings("subtransforms") : null,
            WrappedIn = (int)wrappedIn,
            PayloadOverrides = overrides,
        };
    }

    // pipeline.environments: id → {urn, capabilities} or {harness: true, capabilities}.
    private static Dictionary<string, EnvironmentSpec> Environments(YamlSource s, YamlMap pipeline)
    {
        var environments = new Dictionary<string, EnvironmentSpec>(StringComparer.Ordinal);
        if (pipeline.Get("environments") is not { } node)
        {
            return environments;
        }

        foreach (var (id, value) in Entries(s, node, "environments"))
        {
            var e = YamlMap.Open(s, value, "environment", id.Text);
            if (id.Text == FakeHarness.HarnessUrns.EnvironmentId)
            {
                throw s.Error(id.Node, id.Text, $"'{id.Text}' is the FakeHarness's own environment; give an added one another id");
            }

            var harness = e.OptBool("harness") ?? false;
            var urn = e.OptString("urn");
            if (harness == urn is not null)
            {
                throw s.Error(id.Node, id.Text, "an environment has either a urn or harness: true");
            }

            environments[id.Text] = new EnvironmentSpec(id.Text, urn, e.Strings("capabilities"), harness);
        }

        return environments;
    }

    /// <summary>A mapping of non-empty keys to strings (transform <c>annotations</c>, a descriptor check's expected ones).</summary>
    internal static Dictionary<string, string> StringMap(YamlSource s, YamlNode node, string key)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, value) in Entries(s, node, key))
        {
            result[k.Text.Length > 0 ? k.Text : throw s.Error(k.Node, key, "an annotation key is not empty")] = s.String(value, k.Text);
        }

        return result;
    }

    private static TransformPayload Payload(YamlSource s, YamlNode node, string urn, IReadOnlySet<string> allowed, CoderSpec? outputCoder, IReadOnlyDictionary<string, string> outputs)
    {
        var map = YamlMap.Open(s, node, "payload", "payload");
        foreach (var key in map.Keys.Where(k => !allowed.Contains(k)))
        {
            throw map.Error(key, allowed.Count == 0 ? $"{urn} takes no payload" : $"not a payload key of {urn} (allowed: {string.Join(", ", allowed)})");
        }

        switch (urn)
        {
            case ScenarioUrns.Create:
                if (map.Has("values") == map.Has("elements"))
                {
                    throw s.Error(node, "payload", "a create payload has exactly one of values, elements");
                }

                return new TransformPayload.Create(map.Has("values")
                    ? [.. map.List("values").Select(v => new ElementSpec(Value(s, v, outputCoder, "values"), null))]
                    : [.. map.List("elements").Select(e => Element(s, e, outputCoder))]);
            case ScenarioUrns.Map: return new TransformPayload.Map(FunctionReader.Fn(s, map.Required("fn"), "fn"));
            case ScenarioUrns.FlatMap: return new TransformPayload.FlatMap(FunctionReader.Flat(s, map.Required("fn"), "fn"));
            case ScenarioUrns.Filter: return new TransformPayload.Filter(FunctionReader.Pred(s, map.Required("predicate"), "predicate"));
            case ScenarioUrns.KeyBy: return new TransformPayload.KeyBy(FunctionReader.Fn(s, map.Required("key"), "key"));
            case ScenarioUrns.MultiOutput:
                var routes = new Dictionary<string, Predicate>(StringComparer.Ordinal);
                foreach (var (tag, pred) in Entries(s, map.Required("routes"), "routes"))
                {
                    routes[tag.Text] = FunctionReader.Pred(s, pred, tag.Text);
                }

                return new TransformPayload.MultiOutput(routes);
            case ScenarioUrns.FailOn:
                if (map.Get("times") is not null && map.Long("times") < 1)
                {
                    throw map.Error("times", "a fail_on fails at least 1 time");
                }

                return new TransformPayload.FailOn(FunctionReader.Pred(s, map.Required("when"), "when"), map.String("message"));
            case ScenarioUrns.TestStream:
                var failAfter = map.OptLong("fail_after");
                if (failAfter is < 0 or > int.MaxValue)
                {
                    throw map.Error("fail_after", $"{failAfter} is not a count of events (0 or more)");
                }

                return new TransformPayload.TestStream([.. map.List("events").Select(e => TestStreamReader.Event(s, e, outputCoder, outputs))])
                {
                    Served = map.OptBool("served") ?? false,
                    FailAfter = (int?)failAfter,
                    EndpointOverride = map.OptString("endpoint_override"),
                };
            case ScenarioUrns.OffsetRangeSdf:
                // Checked here, sent to the harness as written: the functions of the test SDF.
                FunctionReader.Fn(s, map.Required("restriction"), "restriction");
                if (map.Get("output") is { } output)
                {
                    FunctionReader.Fn(s, output, "output");
                }

                if (map.Get("checkpoint") is { } checkpoint)
                {
                    var c = YamlMap.Open(s, checkpoint, "checkpoint", "checkpoint");
                    _ = c.Long("after") >= 1 ? 0 : throw c.Error("after", "a checkpoint comes after at least 1 output");
                    _ = c.Get("delay_ms") is null || c.Long("delay_ms") >= 0 ? 0 : throw c.Error("delay_ms", "a checkpoint delay is not negative");
                }

                if (map.Get("watermark") is { } watermark)
                {
                    var w = YamlMap.Open(s, watermark, "watermark_estimator", "watermark");
                    _ = w.Long("per_offset_ms") >= 0 ? 0 : throw w.Error("per_offset_ms", "a watermark estimator does not go back: the step is not negative");
                    _ = w.Get("lead_ms") is null ? 0 : w.Long("lead_ms");
                }

                return TransformPayload.Empty;
            case ScenarioUrns.CombinePerKey or ScenarioUrns.CombineGlobally or ScenarioUrns.CombineGroupedValues:
                return new TransformPayload.Combine(s.Enum(map.Required("fn"), "fn", CombineFns));
            default:
                return TransformPayload.Empty;
        }
    }

    public static ElementSpec Element(YamlSource s, YamlNode node, CoderSpec? coder)
    {
        var e = YamlMap.Open(s, node, "element", "elements");
        if (e.Has("raw_hex"))
        {
            throw e.Error("raw_hex", "raw_hex (encoded bytes) is only for the elements of a TestStream");
        }

        return new ElementSpec(Value(s, e.Required("value"), coder, "value"), e.Get("timestamp_ms") is { } t ? s.Timestamp(t, "timestamp_ms") : null);
    }

    public static object? Value(YamlSource s, YamlNode node, CoderSpec? coder, string key) =>
        coder is null ? ValueReader.Inferred(s, node, key) : ValueReader.Typed(s, node, coder, key);
}
