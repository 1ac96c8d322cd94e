using Proto = Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Translation.Internal.Preparers;

/// <summary>
/// <c>beam:transform:pardo:v1</c>, run by the SDK: its <c>ParDoPayload</c> names the side inputs (iterable and
/// multimap access patterns, read over the State API). User state (bag, multimap and ordered-list protocols) on a
/// KV input is served (the ParDo starts its own, keyed stage), and so are user timer families (event and processing
/// time, <c>beam:coder:timer:v1</c> over the input's key and window coders), on-window-expiration (an event-time family
/// the runner fires per key and window with state at expiry) and time-sorted input of a stateful ParDo; a splittable
/// DoFn (<c>restriction_coder_id</c> set) is expanded by <see cref="SplittableExpander"/> into its three parts;
/// <c>requests_finalization</c> is honoured (a bundle whose response asks gets a FinalizeBundleRequest after its commit).
/// </summary>
internal class ParDoPreparer : SdkTransformPreparer
{
    /// <summary>The <c>beam:transform:pardo:v1</c> family.</summary>
    public ParDoPreparer()
        : this("ParDo", Model.Urns.Transforms.ParDo)
    {
    }

    /// <summary>A family of transforms carrying a <c>ParDoPayload</c> (the splittable parts).</summary>
    protected ParDoPreparer(string family, params string[] urns)
        : base(family, urns)
    {
    }

    /// <inheritdoc />
    public override void Expand(PipelineGraph graph, string id, Proto.PTransform transform, int depth)
    {
        if (transform.Spec?.Urn == Model.Urns.Transforms.ParDo && Parse(transform) is { RestrictionCoderId.Length: > 0 } payload)
        {
            var parts = SplittableExpander.Expand(graph, id, transform, payload, graph.Problems);
            foreach (var (partId, part) in parts)
            {
                graph.AddLeaf(partId, part, TransformPreparers.LeafFor(part.Spec.Urn));
            }

            if (parts.Count > 0)
            {
                return;
            }
        }

        // A refused expansion keeps the ParDo as one leaf, so its consumers still find their input's producer.
        base.Expand(graph, id, transform, depth);
    }

    /// <summary>False for a leaf whose payload features are checked on another leaf (the first splittable parts).</summary>
    /// <param name="leaf">A leaf of this family.</param>
    protected virtual bool ChecksPayload(Leaf leaf) => true;

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> SideInputs(string id, Proto.PTransform transform, List<ValidationProblem> problems)
    {
        var sides = new Dictionary<string, string>();
        try
        {
            foreach (var (local, side) in Proto.ParDoPayload.Parser.ParseFrom(transform.Spec.Payload).SideInputs)
            {
                sides[local] = side.AccessPattern?.Urn ?? "";
            }
        }
        catch (Google.Protobuf.InvalidProtocolBufferException e)
        {
            problems.Add(new(id, "payload", Model.Urns.Transforms.ParDo, "invalid ParDoPayload: " + e.Message));
        }

        return sides;
    }

    /// <inheritdoc />
    public override void Check(PipelineGraph graph, Leaf leaf, List<ValidationProblem> problems)
    {
        base.Check(graph, leaf, problems);
        if (!ChecksPayload(leaf) || Parse(leaf.Transform) is not { } payload)
        {
            return; // PipelineGraph reported it.
        }

        foreach (var (stateId, spec) in payload.StateSpecs.OrderBy(static s => s.Key, StringComparer.Ordinal))
        {
            CheckStateSpec(graph, leaf, stateId, spec, problems);
        }

        if ((payload.StateSpecs.Count > 0 || payload.TimerFamilySpecs.Count > 0) && leaf.MainInputs.Count == 1
            && graph.Components.Pcollections.TryGetValue(leaf.MainInputs[0], out var input)
            && graph.Coders.Contains(input.CoderId)
            && graph.Coders.UrnOf(input.CoderId) != Model.Urns.Coders.Kv)
        {
            problems.Add(new(leaf.Id, "coder", graph.Coders.UrnOf(input.CoderId),
                $"a ParDo with user state or timers must read a KV (beam:coder:kv:v1) main input; input '{leaf.MainInputs[0]}' is not keyed"));
        }

        // Java's StatefulDoFnRunner refuses merging windows ("MergingWindowFn is not supported for stateful DoFns"):
        // a merged window's state would have to be merged, which the State API has no request for.
        if ((payload.StateSpecs.Count > 0 || payload.TimerFamilySpecs.Count > 0) && leaf.MainInputs.Count == 1
            && graph.Components.Pcollections.TryGetValue(leaf.MainInputs[0], out var keyed)
            && graph.Components.WindowingStrategies.TryGetValue(keyed.WindowingStrategyId, out var windowing)
            && windowing.MergeStatus == Proto.MergeStatus.Types.Enum.NeedsMerge)
        {
            problems.Add(new(leaf.Id, "windowing", windowing.WindowFn?.Urn ?? "",
                $"a ParDo with user state or timers cannot read merging windows (input '{leaf.MainInputs[0]}' has windowing strategy '{keyed.WindowingStrategyId}', merge status NEEDS_MERGE), as Java's StatefulDoFnRunner refuses them"));
        }

        // The input's allowed lateness is when its state is garbage collected (a GroupByKey's input is checked by
        // WindowingTranslator; a stateful ParDo's here), so a negative one is refused at Prepare.
        if ((payload.StateSpecs.Count > 0 || payload.TimerFamilySpecs.Count > 0) && leaf.MainInputs.Count == 1
            && graph.Components.Pcollections.TryGetValue(leaf.MainInputs[0], out var late)
            && graph.Components.WindowingStrategies.TryGetValue(late.WindowingStrategyId, out var lateWindowing)
            && lateWindowing.AllowedLateness < 0)
        {
            problems.Add(new(leaf.Id, "allowed lateness", lateWindowing.AllowedLateness.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"a ParDo with user state or timers needs an allowed lateness of at least 0 ms (input '{leaf.MainInputs[0]}' has windowing strategy '{late.WindowingStrategyId}')"));
        }

        foreach (var (timerId, spec) in payload.TimerFamilySpecs.OrderBy(static s => s.Key, StringComparer.Ordinal))
        {
            TimerFamilyCheck.Check(graph, leaf, timerId, spec, problems);
        }

        if (payload.RequiresTimeSortedInput && payload.StateSpecs.Count == 0 && payload.TimerFamilySpecs.Count == 0)
        {
            problems.Add(new(leaf.Id, "time-sorted input", "requires_time_sorted_input",
                "requires_time_sorted_input needs a stateful ParDo (user state or timers): the order is per key, and only a stateful DoFn can observe it"));
        }

        var expiry = payload.OnWindowExpirationTimerFamilySpec;
        if (expiry.Length > 0 && !(payload.TimerFamilySpecs.TryGetValue(expiry, out var family) && family.TimeDomain == Proto.TimeDomain.Types.Enum.EventTime))
        {
            problems.Add(new(leaf.Id, "on window expiration", expiry,
                $"on_window_expiration_timer_family_spec '{expiry}' must name an EVENT_TIME family of timer_family_specs"));
        }

        foreach (var (local, pcollection, accessPattern) in leaf.SideInputs)
        {
            if (accessPattern is not (Model.Urns.SideInputs.Iterable or Model.Urns.SideInputs.Multimap))
            {
                problems.Add(new(leaf.Id, "side input access pattern", accessPattern, $"side input '{local}' uses an unsupported access pattern"));
            }
            else if (accessPattern == Model.Urns.SideInputs.Multimap
                && graph.Components.Pcollections.TryGetValue(pcollection, out var side)
                && graph.Coders.Contains(side.CoderId)
                && graph.Coders.UrnOf(side.CoderId) != Model.Urns.Coders.Kv)
            {
                problems.Add(new(leaf.Id, "coder", graph.Coders.UrnOf(side.CoderId), $"multimap side input '{local}' must read a PCollection with a beam:coder:kv:v1 coder"));
            }
        }
    }

    /// <inheritdoc />
    public override bool RequiresTimeSortedInput(Leaf leaf) => Parse(leaf.Transform)?.RequiresTimeSortedInput ?? false;

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> UserStates(Leaf leaf)
    {
        var states = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (stateId, spec) in Parse(leaf.Transform)?.StateSpecs ?? [])
        {
            if (ProtocolOf(spec) is { } urn)
            {
                states[stateId] = urn;
            }
        }

        return states;
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, TimerFamily> TimerFamilies(Leaf leaf)
    {
        var families = new Dictionary<string, TimerFamily>(StringComparer.Ordinal);
        var payload = Parse(leaf.Transform);
        foreach (var (familyId, spec) in payload?.TimerFamilySpecs ?? [])
        {
            families[familyId] = new TimerFamily(spec.TimeDomain == Proto.TimeDomain.Types.Enum.ProcessingTime ? TimerDomain.ProcessingTime : TimerDomain.EventTime, spec.TimerFamilyCoderId)
            {
                IsWindowExpiration = familyId == payload!.OnWindowExpirationTimerFamilySpec,
            };
        }

        return families;
    }

    /// <summary>
    /// The State API protocol of a state spec: <c>StateSpec.protocol.urn</c> when set, else the one the spec kind
    /// implies (Java's <c>ParDoTranslation</c>: value, bag and combining state are bags; map, set and multimap are
    /// multimaps); null when the spec is empty.
    /// </summary>
    private static string? ProtocolOf(Proto.StateSpec spec) =>
        spec.Protocol is { Urn.Length: > 0 } protocol ? protocol.Urn : spec.SpecCase switch
        {
            Proto.StateSpec.SpecOneofCase.BagSpec or Proto.StateSpec.SpecOneofCase.ReadModifyWriteSpec or Proto.StateSpec.SpecOneofCase.CombiningSpec
                => Model.Urns.UserState.Bag,
            Proto.StateSpec.SpecOneofCase.MapSpec or Proto.StateSpec.SpecOneofCase.SetSpec or Proto.StateSpec.SpecOneofCase.MultimapSpec
                => Model.Urns.UserState.Multimap,
            Proto.StateSpec.SpecOneofCase.OrderedListSpec => Model.Urns.UserState.OrderedList,
            _ => null,
        };

    private static void CheckStateSpec(PipelineGraph graph, Leaf leaf, string stateId, Proto.StateSpec spec, List<ValidationProblem> problems)
    {
        var urn = ProtocolOf(spec);
        if (urn is null)
        {
            problems.Add(new(leaf.Id, "state spec", stateId, $"state '{stateId}' declares no state kind (StateSpec.spec is empty)"));
            return;
        }

        if (urn is not (Model.Urns.UserState.Bag or Model.Urns.UserState.Multimap or Model.Urns.UserState.OrderedList))
        {
            problems.Add(new(leaf.Id, "state spec", urn, $"state '{stateId}' uses a State API protocol this runner does not serve (bag, multimap and ordered_list user state are)"));
        }

        foreach (var coderId in CoderIds(spec).Where(id => !graph.Components.Coders.ContainsKey(id)))
        {
            problems.Add(new(leaf.Id, "dangling reference", coderId, $"state '{stateId}' names coder '{coderId}', which is not in the pipeline's coders"));
        }
    }

    private static IEnumerable<string> CoderIds(Proto.StateSpec spec) => spec.SpecCase switch
    {
        Proto.StateSpec.SpecOneofCase.BagSpec => [spec.BagSpec.ElementCoderId],
        Proto.StateSpec.SpecOneofCase.ReadModifyWriteSpec => [spec.ReadModifyWriteSpec.CoderId],
        Proto.StateSpec.SpecOneofCase.CombiningSpec => [spec.CombiningSpec.AccumulatorCoderId],
        Proto.StateSpec.SpecOneofCase.MapSpec => [spec.MapSpec.KeyCoderId, spec.MapSpec.ValueCoderId],
        Proto.StateSpec.SpecOneofCase.SetSpec => [spec.SetSpec.ElementCoderId],
        Proto.StateSpec.SpecOneofCase.MultimapSpec => [spec.MultimapSpec.KeyCoderId, spec.MultimapSpec.ValueCoderId],
        Proto.StateSpec.SpecOneofCase.OrderedListSpec => [spec.OrderedListSpec.ElementCoderId],
        _ => [],
    };

    /// <summary>The transform's ParDoPayload, or null when it does not parse (reported by <see cref="SideInputs"/>).</summary>
    protected static Proto.ParDoPayload? Parse(Proto.PTransform transform)
    {
        try
        {
            return Proto.ParDoPayload.Parser.ParseFrom(transform.Spec.Payload);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            return null;
        }
    }
}
