using BeamConformance.Model;
using System.Text.Json;
using BeamConformance.Conformance.Scenarios;
using BeamConformance.FakeHarness;
using BeamConformance.Model.Windowing;
using BeamConformance.Protos.Adapters;
using Google.Protobuf;
using Org.Apache.Beam.Model.Pipeline.V1;
using static BeamConformance.Conformance.Running.PipelineBuilder;

namespace BeamConformance.Conformance.Running.Internal;

/// <summary>Adds one scenario transform (with any subtransforms and intermediate PCollections) to the Components.</summary>
internal static class TransformTranslator
{
    private const string ParDoUrn = Urns.Transforms.ParDo;
    private const string CombineFnUrn = HarnessUrns.CombineFn;

    /// <summary>The timers transform's on-window-expiration timer family.</summary>
    private const string WindowExpirationFamily = "expiry";

    /// <summary>The local name of the combined PCollection read by <c>inject_default</c>.</summary>
    private const string CombinedSideInput = "combined";

    /// <summary>Adds <paramref name="t"/>; returns its (root) transform id.</summary>
    public static string Add(BuildContext c, TransformSpec t)
    {
        switch (t.Urn)
        {
            case ScenarioUrns.Reshuffle when t.Subtransforms is null: return Reshuffle(c, t);
            case ScenarioUrns.CombinePerKey:
                return CombinePerKey(c, t.Name, t.Inputs[0], c.PCollection(t.Inputs[0], t.Name), t.Outputs.Values.Single(), ((TransformPayload.Combine)t.Payload).Fn, t.Urn);
            case ScenarioUrns.CombineGlobally: return CombineGlobally(c, t);
            case ScenarioUrns.CombineGroupedValues:
                var input = c.PCollection(t.Inputs[0], t.Name);
                var fn = ((TransformPayload.Combine)t.Payload).Fn;
                Put(c, t.Name, Combine(c, t.Name, t.Urn, fn, input.Coder.ValueCoder.ElementCoder), MainOf(t.Inputs[0]), t.Outputs, c.HarnessEnvironmentId);
                return t.Name;
            case ScenarioUrns.TestStream:
                var events = new FunctionSpec { Urn = t.Urn, Payload = TestStreamProtos.Payload(c, t, (TransformPayload.TestStream)t.Payload).ToByteString() };
                Put(c, t.Name, events, Indexed(t.Inputs), t.Outputs, ""); // inputs only in a Prepare refusal (a TestStream has none)
                return t.Name;
            case ScenarioUrns.WindowInto:
                var output = t.Outputs.Values.FirstOrDefault() is { } o && c.Spec.PCollections.TryGetValue(o, out var outPc)
                    && c.Spec.WindowingStrategies.TryGetValue(outPc.Windowing, out var ws) ? ws : Model.Windowing.WindowingStrategy.Default;
                var spec = new FunctionSpec
                {
                    Urn = t.Urn,
                    Payload = new WindowIntoPayload { WindowFn = output.WindowFn.ToProto() }.ToByteString(),
                };
                Put(c, t.Name, spec, MainOf(t.Inputs.FirstOrDefault()), t.Outputs, c.HarnessEnvironmentId);
                return t.Name;
        }

        // A Reshuffle with its own subtransforms key is sent bare, as the primitive the runner may replace it by.
        if (t.Opaque || t.Urn is ScenarioUrns.Impulse or ScenarioUrns.GroupByKey or ScenarioUrns.Flatten or ScenarioUrns.Reshuffle)
        {
            // An opaque transform with the empty URN has no spec at all (a composite without one).
            Put(c, t.Name, t.Urn.Length == 0 ? null : new FunctionSpec { Urn = t.Urn }, Indexed(t.Inputs), t.Outputs, "");
            return t.Name;
        }

        var json = JsonPayload(c, t);
        ParDo(c, t.Name, t.Urn, json, t.Inputs.FirstOrDefault(), t.SideInputs, t.Outputs, StateSpecs(c, t), TimerFamilySpecs(c, t, json),
            t.Urn == ScenarioUrns.OffsetRangeSdf ? c.Coders.Id(CoderSpec.Parse(ScenarioUrns.OffsetRangeRestrictionCoder)) : "");
        if (TimeSorted(c, t))
        {
            var parDo = c.Components.Transforms[t.Name];
            var payload = ParDoPayload.Parser.ParseFrom(parDo.Spec.Payload);
            payload.RequiresTimeSortedInput = true;
            parDo.Spec.Payload = payload.ToByteString();
        }

        if (t.PayloadOverrides is { } overrides)
        {
            ParDoOverrides.Apply(c.Components, t.Name, c.Components.Transforms[t.Name], overrides);
        }

        return t.Name;
    }

    // bag_state's and timers' payload time_sorted: true asks for requires_time_sorted_input (Java's @RequiresTimeSortedInput).
    private static bool TimeSorted(BuildContext c, TransformSpec t) =>
        t.Urn is ScenarioUrns.BagState or ScenarioUrns.Timers && c.Payloads.TryGetValue(t.Name, out var node)
        && node is YamlDotNet.RepresentationModel.YamlMappingNode map
        && map.Children.TryGetValue(new YamlDotNet.RepresentationModel.YamlScalarNode("time_sorted"), out var flag)
        && flag is YamlDotNet.RepresentationModel.YamlScalarNode { Value: "true" };

    /// <summary>
    /// The timer families of our timers transform (testdata/README.md, "Timers"): <c>event</c> (EVENT_TIME) and
    /// <c>processing</c> (PROCESSING_TIME), both coded by <c>beam:coder:timer:v1</c> over the input's key coder and its
    /// windowing strategy's window coder, and <c>expiry</c> (EVENT_TIME, the on-window-expiration family) when the payload
    /// has <c>on_timer.expiry</c> commands (named as its <c>expiry_family</c> says, if it does); none for other transforms.
    /// </summary>
    private static Dictionary<string, TimerFamilySpec> TimerFamilySpecs(BuildContext c, TransformSpec t, byte[] json)
    {
        if (t.Urn != ScenarioUrns.Timers)
        {
            return [];
        }

        var input = c.PCollection(t.Inputs[0], t.Name);
        var windowCoder = c.Components.WindowingStrategies.TryGetValue(input.Windowing, out var ws) ? ws.WindowCoderId : c.Coders.GlobalWindow;
        var keyCoder = c.Coders.Id(input.Coder.KeyCoder);
        var timerCoder = $"timer<{keyCoder},{windowCoder}>";
        c.Components.Coders[timerCoder] = new Coder { Spec = new FunctionSpec { Urn = Urns.Coders.Timer }, ComponentCoderIds = { keyCoder, windowCoder } };
        var families = new Dictionary<string, TimerFamilySpec>
        {
            ["event"] = new TimerFamilySpec { TimeDomain = TimeDomain.Types.Enum.EventTime, TimerFamilyCoderId = timerCoder },
            ["processing"] = new TimerFamilySpec { TimeDomain = TimeDomain.Types.Enum.ProcessingTime, TimerFamilyCoderId = timerCoder },
        };
        using var payload = JsonDocument.Parse(json);
        var expiry = payload.RootElement.TryGetProperty("expiry_family", out var named) && named.ValueKind == JsonValueKind.String ? named.GetString()! : WindowExpirationFamily;
        if (payload.RootElement.TryGetProperty("on_timer", out var onTimer) && onTimer.TryGetProperty(WindowExpirationFamily, out _))
        {
            families[expiry] = new TimerFamilySpec { TimeDomain = TimeDomain.Types.Enum.EventTime, TimerFamilyCoderId = timerCoder };
        }

        return families;
    }

    /// <summary>
    /// The user state of our stateful transforms (testdata/README.md, "State"): <c>bag</c> of the input's value coder,
    /// <c>map</c> of string keys and values, <c>sorted</c> of strings; none for other transforms.
    /// </summary>
    private static Dictionary<string, StateSpec> StateSpecs(BuildContext c, TransformSpec t)
    {
        var text = c.Coders.Id(CoderSpec.Parse("string_utf8"));
        return t.Urn switch
        {
            ScenarioUrns.BagState => new()
            {
                ["bag"] = new StateSpec
                {
                    BagSpec = new BagStateSpec { ElementCoderId = c.Coders.Id(c.PCollection(t.Inputs[0], t.Name).Coder.ValueCoder) },
                    Protocol = new FunctionSpec { Urn = Urns.UserState.Bag },
                },
            },
            ScenarioUrns.MultimapState => new()
            {
                ["map"] = new StateSpec
                {
                    MultimapSpec = new MultimapStateSpec { KeyCoderId = text, ValueCoderId = text },
                    Protocol = new FunctionSpec { Urn = Urns.UserState.Multimap },
                },
            },
            ScenarioUrns.OrderedListState => new()
            {
                ["sorted"] = new StateSpec
                {
                    OrderedListSpec = new OrderedListStateSpec { ElementCoderId = text },
                    Protocol = new FunctionSpec { Urn = Urns.UserState.OrderedList },
                },
            },
            ScenarioUrns.Timers => new()
            {
                ["buffer"] = new StateSpec
                {
                    BagSpec = new BagStateSpec { ElementCoderId = c.Coders.Id(c.PCollection(t.Inputs[0], t.Name).Coder.ValueCoder) },
                    Protocol = new FunctionSpec { Urn = Urns.UserState.Bag },
                },
                ["fired"] = new StateSpec
                {
                    BagSpec = new BagStateSpec { ElementCoderId = c.Coders.Id(CoderSpec.Parse("varint")) },
                    Protocol = new FunctionSpec { Urn = Urns.UserState.Bag },
                },
            },
            _ => [],
        };
    }

    private static byte[] JsonPayload(BuildContext c, TransformSpec t) =>
        PayloadJson.WithRun(c.Payloads.TryGetValue(t.Name, out var node) ? node : null, c.RunId);

    private static void ParDo(BuildContext c, string id, string doFnUrn, byte[] json, string? mainInput,
        IReadOnlyDictionary<string, SideInputSpec> sideInputs, IReadOnlyDictionary<string, string> outputs, Dictionary<string, StateSpec>? stateSpecs = null,
        Dictionary<string, TimerFamilySpec>? timerFamilySpecs = null, string restrictionCoderId = "")
    {
        var payload = new ParDoPayload { DoFn = new FunctionSpec { Urn = doFnUrn, Payload = ByteString.CopyFrom(json) }, RestrictionCoderId = restrictionCoderId };
        payload.RequestsFinalization = doFnUrn == ScenarioUrns.FinalizeBundle; // As Beam's SDKs set it for a DoFn with a BundleFinalizer.
        payload.StateSpecs.Add(stateSpecs ?? []);
        payload.TimerFamilySpecs.Add(timerFamilySpecs ?? []);
        // The timers transform's families are event and processing; a third one is its window-expiration family.
        if (payload.TimerFamilySpecs.Keys.FirstOrDefault(static f => f is not ("event" or "processing")) is { } expiry)
        {
            payload.OnWindowExpirationTimerFamilySpec = expiry;
        }
        var inputs = MainOf(mainInput);
        foreach (var (name, side) in sideInputs)
        {
            inputs[name] = side.PCollection;
            var view = side.View switch
            {
                SideInputView.Iterable => "iterable",
                SideInputView.Multimap => "multimap",
                SideInputView.MultimapKeys => "multimap_keys",
                _ => "singleton",
            };
            var viewJson = side.HasDefault
                ? PayloadJson.Object(c.RunId, ("view", w => w.WriteStringValue(view)), ("default", w => PayloadJson.WriteValue(w, side.Default)))
                : PayloadJson.Object(c.RunId, ("view", w => w.WriteStringValue(view)));
            payload.SideInputs[name] = new SideInput
            {
                AccessPattern = new FunctionSpec
                {
                    Urn = side.View is SideInputView.Multimap or SideInputView.MultimapKeys ? Urns.SideInputs.Multimap : Urns.SideInputs.Iterable,
                },
                ViewFn = new FunctionSpec { Urn = HarnessUrns.ViewFn, Payload = ByteString.CopyFrom(viewJson) },
                WindowMappingFn = new FunctionSpec { Urn = HarnessUrns.WindowMappingFn },
            };
        }

        Put(c, id, new FunctionSpec { Urn = ParDoUrn, Payload = payload.ToByteString() }, inputs, outputs, c.HarnessEnvironmentId);
    }

    private static string Reshuffle(BuildContext c, TransformSpec t)
    {
        var input = c.PCollection(t.Inputs[0], t.Name);
        var grouped = Intermediate(c, $"{t.Name}/grouped", Grouped(input.Coder, t.Name), input);
        var gbk = $"{t.Name}/GroupByKey";
        Put(c, gbk, new FunctionSpec { Urn = ScenarioUrns.GroupByKey }, Indexed([t.Inputs[0]]), Out(grouped), "");
        var explode = $"{t.Name}/ExplodeValues";
        var json = PayloadJson.Object(c.RunId, ("fn", w => { w.WriteStartObject(); w.WritePropertyName("explode_values"); w.WriteStartObject(); w.WriteEndObject(); w.WriteEndObject(); }));
        ParDo(c, explode, ScenarioUrns.FlatMap, json, grouped, new Dictionary<string, SideInputSpec>(), Out(t.Outputs.Values.Single()));
        Put(c, t.Name, new FunctionSpec { Urn = t.Urn }, Indexed(t.Inputs), t.Outputs, "", gbk, explode);
        return t.Name;
    }

    private static string CombinePerKey(BuildContext c, string id, string inputId, PCollectionSpec input, string outputId, CombineFnKind fn, string urn)
    {
        var grouped = Intermediate(c, $"{id}/grouped", Grouped(input.Coder, id), input);
        var gbk = $"{id}/GroupByKey";
        Put(c, gbk, new FunctionSpec { Urn = ScenarioUrns.GroupByKey }, Indexed([inputId]), Out(grouped), "");
        var values = $"{id}/CombineGroupedValues";
        Put(c, values, Combine(c, id, ScenarioUrns.CombineGroupedValues, fn, input.Coder.ValueCoder), MainOf(grouped), Out(outputId), c.HarnessEnvironmentId);
        Put(c, id, Combine(c, id, urn, fn, input.Coder.ValueCoder), Indexed([inputId]), Out(outputId), "", gbk, values);
        return id;
    }

    private static string CombineGlobally(BuildContext c, TransformSpec t)
    {
        var input = c.PCollection(t.Inputs[0], t.Name);
        var outputId = t.Outputs.Values.Single();
        var output = c.PCollection(outputId, t.Name);
        var fn = ((TransformPayload.Combine)t.Payload).Fn;
        var emptyBytes = new CoderSpec(CoderKind.Bytes, []);
        var keyed = Intermediate(c, $"{t.Name}/keyed", new CoderSpec(CoderKind.KV, [emptyBytes, input.Coder]), input);
        var combined = Intermediate(c, $"{t.Name}/combined", new CoderSpec(CoderKind.KV, [emptyBytes, output.Coder]), input);

        var keyBy = $"{t.Name}/KeyByEmpty";
        var keyJson = PayloadJson.Object(c.RunId, ("key", w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("constant");
            PayloadJson.WriteValue(w, Array.Empty<byte>());
            w.WriteEndObject();
        }));
        ParDo(c, keyBy, ScenarioUrns.KeyBy, keyJson, t.Inputs[0], new Dictionary<string, SideInputSpec>(), Out(keyed));
        var keyedSpec = input with { Id = keyed, Coder = new CoderSpec(CoderKind.KV, [emptyBytes, input.Coder]) };
        var perKey = CombinePerKey(c, $"{t.Name}/CombinePerKey", keyed, keyedSpec, combined, fn, ScenarioUrns.CombinePerKey);
        var dropKey = $"{t.Name}/DropKey";
        var dropJson = PayloadJson.Object(c.RunId, ("fn", w => { w.WriteStartObject(); w.WritePropertyName("value"); w.WriteStartObject(); w.WriteEndObject(); w.WriteEndObject(); }));
        var inGlobalWindow = c.Spec.WindowingStrategies.TryGetValue(input.Windowing, out var windowing)
            ? windowing.WindowFn is WindowFn.Global
            : input.Windowing == PipelineSpec.GlobalStrategyId;
        if (!inGlobalWindow)
        {
            // Beam gives no default value outside the global window: the keyed combine's values are the output.
            ParDo(c, dropKey, ScenarioUrns.Map, dropJson, combined, new Dictionary<string, SideInputSpec>(), Out(outputId));
            Put(c, t.Name, Combine(c, t.Name, t.Urn, fn, input.Coder), Indexed(t.Inputs), t.Outputs, "", keyBy, perKey, dropKey);
            return t.Name;
        }

        var unkeyed = Intermediate(c, $"{t.Name}/unkeyed", output.Coder, input);
        ParDo(c, dropKey, ScenarioUrns.Map, dropJson, combined, new Dictionary<string, SideInputSpec>(), Out(unkeyed));
        var (impulse, injectDefault, defaults) = DefaultBranch(c, t.Name, fn, unkeyed, output.Coder, input);
        var flatten = $"{t.Name}/Flatten";
        Put(c, flatten, new FunctionSpec { Urn = ScenarioUrns.Flatten }, Indexed([unkeyed, defaults]), Out(outputId), "");
        Put(c, t.Name, Combine(c, t.Name, t.Urn, fn, input.Coder), Indexed(t.Inputs), t.Outputs, "", keyBy, perKey, dropKey, impulse, injectDefault, flatten);
        return t.Name;
    }

    /// <summary>
    /// The default-value branch of a global combine (Beam's Combine.globally with defaults): its own Impulse, then
    /// <c>inject_default</c> reading <paramref name="unkeyed"/> as an iterable side input and emitting the fn's empty
    /// result into <c>NAME/default</c> when it is empty; returns the two transform ids and that PCollection.
    /// </summary>
    private static (string Impulse, string InjectDefault, string Defaults) DefaultBranch(BuildContext c, string name, CombineFnKind fn, string unkeyed, CoderSpec outputCoder, PCollectionSpec input)
    {
        var impulseOut = $"{name}/impulse";
        c.AddPCollection(impulseOut, new CoderSpec(CoderKind.Bytes, []), PipelineSpec.GlobalStrategyId, bounded: true);
        var impulse = $"{name}/Impulse";
        Put(c, impulse, new FunctionSpec { Urn = ScenarioUrns.Impulse }, new Dictionary<string, string>(), Out(impulseOut), "");
        var defaults = Intermediate(c, $"{name}/default", outputCoder, input);
        var injectDefault = $"{name}/InjectDefault";
        var json = PayloadJson.Object(c.RunId, ("fn", w => w.WriteStringValue(CombineFnName(fn))));
        var side = new SideInputSpec(CombinedSideInput, unkeyed, SideInputView.Iterable, Default: null, HasDefault: false);
        ParDo(c, injectDefault, HarnessUrns.InjectDefault, json, impulseOut, new Dictionary<string, SideInputSpec> { [CombinedSideInput] = side }, Out(defaults));
        return (impulse, injectDefault, defaults);
    }

    /// <summary>A spec with a CombinePayload for <paramref name="fn"/> over values coded by <paramref name="valueCoder"/>.</summary>
    private static FunctionSpec Combine(BuildContext c, string transform, string urn, CombineFnKind fn, CoderSpec valueCoder)
    {
        var name = CombineFnName(fn);
        var accumulator = fn switch
        {
            CombineFnKind.Sum => valueCoder,
            CombineFnKind.Count => new CoderSpec(CoderKind.VarInt, []),
            CombineFnKind.Mean => new CoderSpec(CoderKind.KV, [new CoderSpec(CoderKind.Double, []), new CoderSpec(CoderKind.VarInt, [])]),
            _ => new CoderSpec(CoderKind.Iterable, [valueCoder]),
        };
        var payload = new CombinePayload
        {
            CombineFn = new FunctionSpec
            {
                Urn = CombineFnUrn,
                Payload = ByteString.CopyFrom(PayloadJson.Object(c.RunId, ("fn", w => w.WriteStringValue(name)))),
            },
            AccumulatorCoderId = c.Coders.Id(accumulator),
        };
        _ = transform;
        return new FunctionSpec { Urn = urn, Payload = payload.ToByteString() };
    }

    private static string CombineFnName(CombineFnKind fn) => fn switch
    {
        CombineFnKind.Sum => "sum",
        CombineFnKind.Count => "count",
        CombineFnKind.Min => "min",
        CombineFnKind.Max => "max",
        CombineFnKind.Mean => "mean",
        _ => "to_list",
    };

    private static CoderSpec Grouped(CoderSpec kv, string transform) =>
        kv.Kind == CoderKind.KV
            ? new CoderSpec(CoderKind.KV, [kv.KeyCoder, new CoderSpec(CoderKind.Iterable, [kv.ValueCoder])])
            : throw new InvalidOperationException($"transform '{transform}': its input coder {kv} is not a kv coder");

    private static string Intermediate(BuildContext c, string id, CoderSpec coder, PCollectionSpec like)
    {
        c.AddPCollection(id, coder, like.Windowing, like.Bounded);
        return id;
    }

    private static Dictionary<string, string> MainOf(string? input) => input is null ? [] : new() { [MainInput] = input };

    private static Dictionary<string, string> Indexed(IReadOnlyList<string> inputs) =>
        inputs.Select((pc, i) => (pc, i)).ToDictionary(x => x.i.ToString(System.Globalization.CultureInfo.InvariantCulture), x => x.pc);

    private static Dictionary<string, string> Out(string pc) => new() { ["out"] = pc };

    private static void Put(BuildContext c, string id, FunctionSpec? spec, IReadOnlyDictionary<string, string> inputs,
        IReadOnlyDictionary<string, string> outputs, string environmentId, params string[] subtransforms)
    {
        var transform = new PTransform { UniqueName = id, Spec = spec, EnvironmentId = environmentId };
        foreach (var (k, v) in inputs)
        {
            transform.Inputs[k] = v;
        }

        foreach (var (k, v) in outputs)
        {
            transform.Outputs[k] = v;
        }

        transform.Subtransforms.Add(subtransforms);
        c.Components.Transforms[id] = transform;
    }
}
