using System.Text.Json;
using BeamConformance.FakeHarness.Internal.Functions;
using BeamConformance.FakeHarness.Internal.Operators;
using BeamConformance.Model;
using BeamConformance.Model.Coders;
using Google.Protobuf;
using Org.Apache.Beam.Model.FnExecution.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.FakeHarness.Internal;

/// <summary>
/// Checks one descriptor transform and compiles its payload into an operator factory: data source and sink,
/// our test transforms (ParDos whose do_fn URN is ours), flatten, window_into and the combine phases.
/// </summary>
internal static class OperatorFactories
{
    /// <exception cref="HarnessException">The transform cannot run here.</exception>
    public static TransformNode Compile(string id, PTransform transform, ProcessBundleDescriptor descriptor, DescriptorCoders coders)
    {
        var name = string.IsNullOrEmpty(transform.UniqueName) ? id : transform.UniqueName;
        var where = $"transform '{name}'";
        var urn = transform.Spec?.Urn ?? string.Empty;
        var allInputs = transform.Inputs.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => i.Value).ToArray();
        try
        {
            switch (urn)
            {
                case Urns.Transforms.DataSource:
                    {
                        var port = RemoteGrpcPort.Parser.ParseFrom(transform.Spec!.Payload);
                        var wire = coders.Get(port.CoderId);
                        return new TransformNode(id, name, transform, [], (n, c, o) => new DataSourceOperator(n, c, o, port, wire), IsSource: true);
                    }

                case Urns.Transforms.DataSink:
                    {
                        var port = RemoteGrpcPort.Parser.ParseFrom(transform.Spec!.Payload);
                        var wire = coders.Get(port.CoderId);
                        return Node((n, c, o) => new DataSinkOperator(n, c, o, port, wire));
                    }

                case Urns.Transforms.Flatten:
                    return Node((n, c, o) => new PassThroughOperator(n, c, o));
                case Urns.Transforms.AssignWindows:
                    {
                        var payload = WindowIntoPayload.Parser.ParseFrom(transform.Spec!.Payload);
                        var windowFn = HarnessWindowFns.Parse(payload.WindowFn ?? throw new HarnessException($"{where}: WindowIntoPayload has no window_fn", name), where);
                        return Node((n, c, o) => new WindowIntoOperator(n, c, o, windowFn));
                    }

                case Urns.Transforms.CombinePerKeyPrecombine:
                case Urns.Transforms.CombinePerKeyMergeAccumulators:
                case Urns.Transforms.CombinePerKeyExtractOutputs:
                case Urns.Transforms.CombineGroupedValues:
                    return CompileCombine(urn);
                case Urns.Transforms.ParDo:
                    return CompileParDo();
                case Urns.Transforms.PairWithRestriction:
                case Urns.Transforms.SplitAndSizeRestrictions:
                case Urns.Transforms.TruncateSizedRestrictions:
                case Urns.Transforms.ProcessSizedElementsAndRestrictions:
                    return CompileSplittablePart();
                default:
                    throw new HarnessException($"{where} has URN '{urn}', which the FakeHarness does not execute", name);
            }
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new HarnessException($"{where}: invalid payload for '{urn}': {e.Message}", name, e);
        }
        catch (JsonException e)
        {
            throw new HarnessException($"{where}: invalid JSON payload: {e.Message}", name, e);
        }

        TransformNode Node(OperatorFactory factory, IReadOnlyList<string>? mainInputs = null) =>
            new(id, name, transform, mainInputs ?? allInputs, factory, IsSource: false);

        TransformNode CompileCombine(string combineUrn)
        {
            var payload = CombinePayload.Parser.ParseFrom(transform.Spec!.Payload);
            if (payload.CombineFn?.Urn != HarnessUrns.CombineFn)
            {
                throw new HarnessException($"{where}: combine fn URN '{payload.CombineFn?.Urn}' is not '{HarnessUrns.CombineFn}'", name);
            }

            using var json = JsonDocument.Parse(payload.CombineFn.Payload.Memory);
            var accumulatorCoder = string.IsNullOrEmpty(payload.AccumulatorCoderId) ? null : coders.Get(payload.AccumulatorCoderId);
            var inputKv = allInputs.Length == 1 ? DescriptorCoders.Logical(coders.OfPCollection(allInputs[0])) as KvCoder : null;
            var inputValueCoder = combineUrn switch
            {
                Urns.Transforms.CombinePerKeyPrecombine => inputKv?.ValueCoder,
                Urns.Transforms.CombineGroupedValues => (DescriptorCoders.Logical(inputKv?.ValueCoder ?? VarIntCoder.Instance) as IterableCoder)?.ElementCoder,
                _ => null,
            };
            var fn = CombineFn.Parse(json.RootElement.Clone(), accumulatorCoder, inputValueCoder, where + " combine_fn");
            return combineUrn switch
            {
                Urns.Transforms.CombinePerKeyPrecombine => Node((n, c, o) => new PrecombineOperator(
                    n, c, o, fn, inputKv?.KeyCoder ?? throw new HarnessException($"{where}: the input of a precombine must have a kv coder", name))),
                Urns.Transforms.CombinePerKeyMergeAccumulators => Node((n, c, o) => new CombineValuesOperator(n, c, o, fn, CombinePhase.MergeAccumulators)),
                Urns.Transforms.CombinePerKeyExtractOutputs => Node((n, c, o) => new CombineValuesOperator(n, c, o, fn, CombinePhase.ExtractOutputs)),
                _ => Node((n, c, o) => new CombineValuesOperator(n, c, o, fn, CombinePhase.GroupedValues)),
            };
        }

        TransformNode CompileSplittablePart()
        {
            var payload = ParDoPayload.Parser.ParseFrom(transform.Spec!.Payload);
            if (payload.DoFn?.Urn != HarnessUrns.OffsetRangeSdf)
            {
                throw new HarnessException($"{where}: the splittable DoFn '{payload.DoFn?.Urn}' is not '{HarnessUrns.OffsetRangeSdf}'", name);
            }

            var main = transform.Inputs.Where(i => !payload.SideInputs.ContainsKey(i.Key)).ToArray();
            if (main.Length != 1 || string.IsNullOrEmpty(payload.RestrictionCoderId))
            {
                throw new HarnessException($"{where}: a splittable part needs one main input and a restriction_coder_id", name);
            }

            using var json = JsonDocument.Parse(payload.DoFn.Payload.IsEmpty ? "{}"u8.ToArray() : payload.DoFn.Payload.ToByteArray());
            var sdf = Sdf.OffsetRangeSdf.Compile(json.RootElement.Clone(), coders.Get(payload.RestrictionCoderId), $"{where} ({payload.DoFn.Urn}) payload");
            var mainInputs = new[] { main[0].Value };
            var side = sdf.SideInput is { } sideName
                ? SideInputFactories.Resolve(name, transform, payload, descriptor, coders).FirstOrDefault(s => s.Name == sideName)
                    ?? throw new HarnessException($"{where}: side_input '{sideName}' is not among the ParDo's side inputs ({string.Join(", ", payload.SideInputs.Keys.Order(StringComparer.Ordinal))})", name)
                : null;
            switch (urn)
            {
                case Urns.Transforms.PairWithRestriction:
                    return Node((n, c, o) => new PairWithRestrictionOperator(n, c, o, sdf, side), mainInputs);
                case Urns.Transforms.SplitAndSizeRestrictions:
                    return Node((n, c, o) => new SplitAndSizeOperator(n, c, o, sdf), mainInputs);
                case Urns.Transforms.TruncateSizedRestrictions:
                    return Node((n, c, o) => new TruncateSizedRestrictionOperator(n, c, o), mainInputs);
                default:
                    var windowCoder = coders.Get(descriptor.WindowingStrategies[descriptor.Pcollections[main[0].Value].WindowingStrategyId].WindowCoderId);
                    var inputCoder = new WindowedValueCoder(coders.OfPCollection(main[0].Value), windowCoder);
                    return Node((n, c, o) => new ProcessSizedElementOperator(n, c, o, sdf, inputCoder, main[0].Key, side), mainInputs);
            }
        }

        TransformNode CompileParDo()
        {
            var payload = ParDoPayload.Parser.ParseFrom(transform.Spec!.Payload);
            var doFn = payload.DoFn ?? throw new HarnessException($"{where}: ParDoPayload has no do_fn", name);
            var stateful = doFn.Urn is HarnessUrns.BagState or HarnessUrns.MultimapState or HarnessUrns.OrderedListState or HarnessUrns.Timers;
            if ((payload.StateSpecs.Count > 0 && !stateful) || (payload.TimerFamilySpecs.Count > 0 && doFn.Urn != HarnessUrns.Timers) || !string.IsNullOrEmpty(payload.RestrictionCoderId))
            {
                throw new HarnessException($"{where}: user state (outside the state test transforms), timers (outside the timers test transform) and splittable DoFns are not supported by the FakeHarness", name);
            }

            var mainInputs = transform.Inputs.Where(i => !payload.SideInputs.ContainsKey(i.Key)).OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => i.Value).ToArray();
            using var json = JsonDocument.Parse(doFn.Payload.IsEmpty ? "{}"u8.ToArray() : doFn.Payload.ToByteArray());
            var args = json.RootElement.Clone();
            var at = $"{where} ({doFn.Urn}) payload";
            return doFn.Urn switch
            {
                HarnessUrns.Create => Node(CreateFactory(args, at), mainInputs),
                HarnessUrns.Map => MapNode(ElementFns.Compile(Union.Property(args, "fn", at), at + ".fn")),
                HarnessUrns.FlatMap => FlatMap(FlatFns.Compile(Union.Property(args, "fn", at), at + ".fn"), true),
                HarnessUrns.Filter => FilterNode(Predicates.Compile(Union.Property(args, "predicate", at), at + ".predicate")),
                HarnessUrns.KeyBy => KeyByNode(ElementFns.Compile(Union.Property(args, "key", at), at + ".key")),
                HarnessUrns.MultiOutput => Node(MultiOutputFactory(args, at), mainInputs),
                HarnessUrns.ReadSideInputs => Node(SideInputFactories.Compile(id, name, transform, payload, descriptor, coders), mainInputs),
                HarnessUrns.Capture => Node((n, c, o) => new CaptureOperator(n, c, o), mainInputs),
                HarnessUrns.FailOn => Node(FailOnFactory(args, at), mainInputs),
                HarnessUrns.Stall => Node((n, c, o) => new StallOperator(n, c, o), mainInputs),
                HarnessUrns.FinalizeBundle => Node(FinalizerFactory(args, at), mainInputs),
                HarnessUrns.AwaitSplit => Node(AwaitSplitFactory(args, at), mainInputs),
                HarnessUrns.Misanswer => Node(MisanswerFactory(args, at), mainInputs),
                HarnessUrns.BagState or HarnessUrns.MultimapState or HarnessUrns.OrderedListState => Node(UserStateFactory(doFn.Urn, descriptor, coders, mainInputs, args, at), mainInputs),
                HarnessUrns.Timers => Node(TimersFactory(payload, descriptor, coders, mainInputs, args, at), mainInputs),
                HarnessUrns.InjectDefault => Node(InjectDefaultFactory(name, transform, payload, descriptor, coders, args, at), mainInputs),
                _ => throw new HarnessException($"{where}: do_fn URN '{doFn.Urn}' is not one the FakeHarness executes", name),
            };

            TransformNode FlatMap(Func<object?, IEnumerable<object?>> fn, bool shape) =>
                Node((n, c, o) => new FlatMapOperator(n, c, o, fn, shape), mainInputs);

            TransformNode MapNode(Func<object?, object?> fn) => Node((n, c, o) => new FlatMapOperator(n, c, o, fn), mainInputs);

            TransformNode FilterNode(Func<object?, bool> predicate) => FlatMap(v => predicate(v) ? [v] : [], shape: false);

            TransformNode KeyByNode(Func<object?, object?> key) => MapNode(v => new Model.KV(key(v), v));
        }
    }

    private static OperatorFactory InjectDefaultFactory(string name, PTransform transform, ParDoPayload payload, ProcessBundleDescriptor descriptor, DescriptorCoders coders, JsonElement args, string at)
    {
        var sides = SideInputFactories.Resolve(name, transform, payload, descriptor, coders);
        if (sides is not [{ View: SideInputView.Iterable } side])
        {
            throw new HarnessException($"{at}: inject_default needs exactly one side input with the iterable view, it has {sides.Count}", name);
        }

        if (transform.Outputs.Count != 1)
        {
            throw new HarnessException($"{at}: inject_default needs exactly one output, it has {transform.Outputs.Count}", name);
        }

        var outputCoder = coders.OfPCollection(transform.Outputs.Values.Single());
        var fn = CombineFn.Parse(args, accumulatorCoder: null, inputCoder: outputCoder, at);
        return (n, c, o) => new InjectDefaultOperator(n, c, o, side, fn);
    }

    private static OperatorFactory CreateFactory(JsonElement args, string at)
    {
        var values = new List<(object?, long?)>();
        if (args.TryGetProperty("values", out var plain))
        {
            values.AddRange(Union.Array(plain, at + ".values").Select(v => (JsonValues.ToNatural(v, at + ".values"), (long?)null)));
        }

        if (args.TryGetProperty("elements", out var stamped))
        {
            foreach (var element in Union.Array(stamped, at + ".elements"))
            {
                var value = JsonValues.ToNatural(Union.Property(element, "value", at + ".elements"), at + ".elements");
                long? timestamp = element.TryGetProperty("timestamp_ms", out var t) ? Union.Int64(t, at + ".elements.timestamp_ms") : null;
                values.Add((value, timestamp));
            }
        }

        return (n, c, o) => new CreateOperator(n, c, o, values);
    }

    private static OperatorFactory MultiOutputFactory(JsonElement args, string at)
    {
        var routes = Union.Property(args, "routes", at);
        if (routes.ValueKind != JsonValueKind.Object)
        {
            throw new HarnessException($"{at}.routes: expected a map of tag to predicate");
        }

        var compiled = routes.EnumerateObject().Select(r => (r.Name, Predicates.Compile(r.Value, $"{at}.routes.{r.Name}"))).ToArray();
        return (n, c, o) => new MultiOutputOperator(n, c, o, compiled);
    }

    private static OperatorFactory UserStateFactory(string urn, ProcessBundleDescriptor descriptor, DescriptorCoders coders, string[] mainInputs, JsonElement args, string at)
    {
        if (mainInputs is not [var input] || DescriptorCoders.Logical(coders.OfPCollection(input)) is not KvCoder kv)
        {
            throw new HarnessException($"{at}: a state transform reads exactly one KV main input");
        }

        var windowCoder = coders.Get(descriptor.WindowingStrategies[descriptor.Pcollections[input].WindowingStrategyId].WindowCoderId);
        var emitValues = args.TryGetProperty("emit", out var emit) && Union.String(emit, at + ".emit") == "values";
        var failOnceOn = args.TryGetProperty("fail_once_on", out var fail) ? JsonValues.ToNatural(fail, at + ".fail_once_on") : null;
        return (n, c, o) => new UserStateOperator(n, c, o, urn, kv, windowCoder, emitValues, failOnceOn);
    }

    private static OperatorFactory TimersFactory(ParDoPayload payload, ProcessBundleDescriptor descriptor, DescriptorCoders coders, string[] mainInputs, JsonElement args, string at)
    {
        if (mainInputs is not [var input] || DescriptorCoders.Logical(coders.OfPCollection(input)) is not KvCoder kv)
        {
            throw new HarnessException($"{at}: the timers transform reads exactly one KV main input");
        }

        var windowCoder = coders.Get(descriptor.WindowingStrategies[descriptor.Pcollections[input].WindowingStrategyId].WindowCoderId);
        var families = new Dictionary<string, (TimerCoder, bool)>(StringComparer.Ordinal);
        foreach (var (family, spec) in payload.TimerFamilySpecs)
        {
            families[family] = (coders.Get(spec.TimerFamilyCoderId) as TimerCoder ?? throw new HarnessException($"{at}: timer family '{family}' coder is not {Urns.Coders.Timer}"),
                spec.TimeDomain == Org.Apache.Beam.Model.Pipeline.V1.TimeDomain.Types.Enum.EventTime);
        }

        List<TimerCommand> Commands(JsonElement list, string where) =>
            [.. list.EnumerateArray().Select((c, i) => TimerCommand.Parse(Union.String(c, $"{where}[{i}]"), $"{where}[{i}]"))];
        var onElement = args.TryGetProperty("on_element", out var e) ? Commands(e, at + ".on_element") : [];
        var onTimer = new Dictionary<string, IReadOnlyList<TimerCommand>>(StringComparer.Ordinal);
        if (args.TryGetProperty("on_timer", out var t))
        {
            foreach (var family in t.EnumerateObject())
            {
                // on_timer.expiry: the window-expiration family, whatever id the ParDo gives it.
                var id = family.Name == "expiry" && payload.OnWindowExpirationTimerFamilySpec.Length > 0 ? payload.OnWindowExpirationTimerFamilySpec : family.Name;
                onTimer[id] = Commands(family.Value, $"{at}.on_timer.{family.Name}");
            }
        }

        return (n, c, o) => new TimerOperator(n, c, o, kv, windowCoder, families, onElement, onTimer);
    }

    private static OperatorFactory FinalizerFactory(JsonElement args, string at)
    {
        var when = args.TryGetProperty("when", out var predicate) ? Predicates.Compile(predicate, at + ".when") : null;
        return (n, c, o) => new BundleFinalizerOperator(n, c, o, when);
    }

    private static OperatorFactory AwaitSplitFactory(JsonElement args, string at)
    {
        var timeout = args.TryGetProperty("timeout_ms", out var ms) ? Union.Int64(ms, at + ".timeout_ms") : AwaitSplitOperator.DefaultTimeoutMillis;
        return (n, c, o) => new AwaitSplitOperator(n, c, o, TimeSpan.FromMilliseconds(timeout));
    }

    private static OperatorFactory MisanswerFactory(JsonElement args, string at)
    {
        var kind = Union.String(Union.Property(args, "answer", at), at + ".answer");
        return Faults.Misanswer.Kinds.Contains(kind)
            ? (n, c, o) => new MisanswerOperator(n, c, o)
            : throw new HarnessException($"{at}.answer: '{kind}' is not a misanswer kind ({string.Join(", ", Faults.Misanswer.Kinds)})");
    }

    private static OperatorFactory FailOnFactory(JsonElement args, string at)
    {
        var when = Predicates.Compile(Union.Property(args, "when", at), at + ".when");
        var message = Union.String(Union.Property(args, "message", at), at + ".message");
        int? times = args.TryGetProperty("times", out var t) ? (int)Union.Int64(t, at + ".times") : null;
        return (n, c, o) => new FailOnOperator(n, c, o, when, message, times);
    }
}
