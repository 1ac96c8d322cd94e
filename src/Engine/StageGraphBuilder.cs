namespace BeamConformance.Engine;

/// <summary>
/// Declares the stages of one job for <see cref="JobEngine"/>. Each Add method returns the builder;
/// <see cref="Build"/> validates the whole graph.
/// </summary>
public sealed class StageGraphBuilder
{
    private readonly List<StageSpec> _stages = [];

    /// <summary>Adds a runner-side Impulse producing <paramref name="output"/>.</summary>
    public StageGraphBuilder AddImpulse(StageId id, PCollectionId output) =>
        Add(new StageSpec(id, StageKind.Impulse, [], [output], [], null));

    /// <summary>Adds a fused ExecutableStage run by an SDK.</summary>
    /// <param name="id">The stage id.</param>
    /// <param name="inputs">One or more main inputs (several when the stage fused a Flatten of them).</param>
    /// <param name="outputs">Zero or more outputs.</param>
    /// <param name="sideInputs">Side inputs, or null for none.</param>
    /// <param name="statefulAllowedLatenessMillis">For a stage that starts with a stateful ParDo, its input's allowed lateness (ms): late elements are dropped (<see cref="StageSpec.StatefulAllowedLatenessMillis"/>); null otherwise.</param>
    /// <param name="timeSortedInput">The stateful stage's ParDo requires time-sorted input (<see cref="StageSpec.TimeSortedInput"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">Negative allowed lateness.</exception>
    /// <exception cref="ArgumentException">Time-sorted input on a stage that is not stateful.</exception>
    public StageGraphBuilder AddSdkStage(
        StageId id, IReadOnlyList<PCollectionId> inputs, IReadOnlyList<PCollectionId> outputs, IReadOnlyList<SideInput>? sideInputs = null, long? statefulAllowedLatenessMillis = null, bool timeSortedInput = false)
    {
        if (statefulAllowedLatenessMillis < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(statefulAllowedLatenessMillis), statefulAllowedLatenessMillis, $"SDK stage '{id}': allowed lateness must be at least 0 ms");
        }

        if (timeSortedInput && statefulAllowedLatenessMillis is null)
        {
            throw new ArgumentException($"SDK stage '{id}': time-sorted input needs a stateful stage (give its allowed lateness)", nameof(timeSortedInput));
        }

        return Add(new StageSpec(id, StageKind.Sdk, [.. inputs], [.. outputs], [.. sideInputs ?? []], null)
        {
            StatefulAllowedLatenessMillis = statefulAllowedLatenessMillis,
            TimeSortedInput = timeSortedInput,
        });
    }

    /// <summary>Adds a runner-side Flatten of <paramref name="inputs"/> into <paramref name="output"/>.</summary>
    public StageGraphBuilder AddFlatten(StageId id, IReadOnlyList<PCollectionId> inputs, PCollectionId output) =>
        Add(new StageSpec(id, StageKind.Flatten, [.. inputs], [output], [], null));

    /// <summary>Adds a runner-side GroupByKey: keyed elements of <paramref name="input"/> grouped per key bytes and window into <paramref name="output"/>.</summary>
    /// <param name="id">The stage id.</param>
    /// <param name="input">Its input; elements arriving there must be keyed (<see cref="Element.KeyLength"/>).</param>
    /// <param name="output">Its output of <c>KV&lt;K, Iterable&lt;V&gt;&gt;</c> elements.</param>
    /// <param name="windowingStrategy">The input's windowing strategy.</param>
    /// <exception cref="ArgumentOutOfRangeException">Negative allowed lateness.</exception>
    /// <exception cref="ArgumentException">RETRACTING accumulation, or a trigger kind the engine does not know.</exception>
    public StageGraphBuilder AddGroupByKey(StageId id, PCollectionId input, PCollectionId output, WindowingStrategy windowingStrategy)
    {
        ArgumentNullException.ThrowIfNull(windowingStrategy);
        if (windowingStrategy.AllowedLatenessMillis < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(windowingStrategy), windowingStrategy.AllowedLatenessMillis, $"GroupByKey '{id}': allowed lateness must be at least 0 ms");
        }

        if (windowingStrategy.AccumulationMode == Model.Windowing.AccumulationMode.Retracting)
        {
            throw new ArgumentException($"GroupByKey '{id}': accumulation mode RETRACTING is not supported", nameof(windowingStrategy));
        }

        try
        {
            _ = Internal.Triggers.TriggerNodes.Create(windowingStrategy.Trigger);
        }
        catch (NotSupportedException e)
        {
            throw new ArgumentException($"GroupByKey '{id}': {e.Message}", nameof(windowingStrategy), e);
        }

        return Add(new StageSpec(id, StageKind.GroupByKey, [input], [output], [], windowingStrategy));
    }

    /// <summary>Adds a source whose elements and watermark the runner injects (TestStream; tests).</summary>
    public StageGraphBuilder AddExternalInput(StageId id, PCollectionId output) =>
        Add(new StageSpec(id, StageKind.ExternalInput, [], [output], [], null));

    /// <summary>Validates and freezes the graph.</summary>
    /// <exception cref="ArgumentException">
    /// An id is empty or used twice, a PCollection has two producers, an input or side input has no
    /// producer, a stage reads its own output, or the stages form a cycle. The message names the stage and PCollection.
    /// </exception>
    public StageGraph Build()
    {
        var producers = new Dictionary<PCollectionId, StageId>();
        var byId = new Dictionary<StageId, StageSpec>();
        foreach (var stage in _stages)
        {
            if (!byId.TryAdd(stage.Id, stage))
            {
                throw new ArgumentException($"stage id '{stage.Id}' is declared twice");
            }

            foreach (var output in stage.Outputs)
            {
                CheckId(output.Value, $"an output of stage '{stage.Id}'");
                if (!producers.TryAdd(output, stage.Id))
                {
                    throw new ArgumentException($"PCollection '{output}' is produced by both stage '{producers[output]}' and stage '{stage.Id}'");
                }
            }
        }

        foreach (var stage in _stages)
        {
            foreach (var input in stage.Inputs.Concat(stage.SideInputs.Select(static s => s.PCollection)))
            {
                if (!producers.TryGetValue(input, out var producer))
                {
                    throw new ArgumentException($"stage '{stage.Id}' reads PCollection '{input}', which no stage produces");
                }

                if (producer == stage.Id)
                {
                    throw new ArgumentException($"stage '{stage.Id}' reads its own output '{input}'");
                }
            }
        }

        return new StageGraph(TopologicalOrder(byId, producers), producers);
    }

    private StageGraphBuilder Add(StageSpec stage)
    {
        CheckId(stage.Id.Value, "a stage id");
        foreach (var input in stage.Inputs)
        {
            CheckId(input.Value, $"an input of stage '{stage.Id}'");
        }

        if (stage.Kind is StageKind.Sdk or StageKind.Flatten && stage.Inputs.Count == 0)
        {
            throw new ArgumentException($"stage '{stage.Id}' ({stage.Kind}) needs at least one input");
        }

        _stages.Add(stage);
        return this;
    }

    private static void CheckId(string? value, string what)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException($"{what} is empty");
        }
    }

    // Kahn's algorithm, always taking the earliest-declared ready stage, so the order depends only on the declarations.
    private List<StageSpec> TopologicalOrder(Dictionary<StageId, StageSpec> byId, Dictionary<PCollectionId, StageId> producers)
    {
        var remaining = _stages.ToDictionary(static s => s.Id, s => s.Inputs.Concat(s.SideInputs.Select(static x => x.PCollection)).Select(p => producers[p]).Distinct().Count());
        var consumers = _stages.ToDictionary(static s => s.Id, static _ => new List<StageId>());
        foreach (var stage in _stages)
        {
            foreach (var upstream in stage.Inputs.Concat(stage.SideInputs.Select(static x => x.PCollection)).Select(p => producers[p]).Distinct())
            {
                consumers[upstream].Add(stage.Id);
            }
        }

        var order = new List<StageSpec>(_stages.Count);
        var done = new HashSet<StageId>();
        while (order.Count < _stages.Count)
        {
            var next = _stages.FirstOrDefault(s => !done.Contains(s.Id) && remaining[s.Id] == 0)
                ?? throw new ArgumentException("the stages form a cycle: " + string.Join(", ", _stages.Where(s => !done.Contains(s.Id)).Select(static s => s.Id.Value)));
            done.Add(next.Id);
            order.Add(byId[next.Id]);
            foreach (var consumer in consumers[next.Id])
            {
                remaining[consumer]--;
            }
        }

        return order;
    }
}
