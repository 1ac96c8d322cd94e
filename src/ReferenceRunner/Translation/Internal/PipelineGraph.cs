using BeamConformance.ReferenceRunner.Translation.Internal.Preparers;
using Proto = Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Translation.Internal;

/// <summary>
/// A pipeline expanded to its leaf transforms in topological order: each transform is handed to the family
/// registered for its URN (<see cref="TransformPreparers"/>), which adds it as a leaf or rewrites it (CombinePerKey
/// lifting); other composites are replaced by their subtransforms. Every structural problem met on the way is
/// collected in <see cref="Problems"/>.
/// </summary>
internal sealed class PipelineGraph
{
    private readonly List<Leaf> _discovered = [];
    private readonly HashSet<string> _walking = [];
    private readonly HashSet<string> _walked = [];
    private readonly List<string> _submitted;
    private bool _tooDeep;

    private PipelineGraph(Proto.Pipeline pipeline)
    {
        Components = pipeline.Components?.Clone() ?? new Proto.Components();
        _submitted = [.. Components.Transforms.Keys];
        Coders = new CoderTable(Components.Coders);
        if (pipeline.Components is null)
        {
            Problems.Add(new("pipeline", "components", "missing", "the pipeline has no components"));
        }
    }

    /// <summary>The pipeline's components plus what lifting added.</summary>
    public Proto.Components Components { get; }

    public CoderTable Coders { get; }

    /// <summary>True when the job is drained: <see cref="SplittableExpander"/> adds the truncate step.</summary>
    public bool Drain { get; private init; }

    /// <summary>Leaves, producers before consumers.</summary>
    public List<Leaf> Leaves { get; } = [];

    /// <summary>The leaf producing each PCollection.</summary>
    public Dictionary<string, Leaf> Producers { get; } = [];

    public List<ValidationProblem> Problems { get; } = [];

    /// <summary>Expands <paramref name="pipeline"/>.</summary>
    /// <param name="pipeline">The submitted pipeline.</param>
    /// <param name="includeUnreachable">
    /// Also expand the transforms no root reaches (for validation: every transform of the components is
    /// checked, reachable or not; the runner executes only the reachable ones).
    /// </param>
    /// <param name="drain">The job is drained: splittable DoFns get the truncate step (<see cref="Drain"/>).</param>
    public static PipelineGraph Build(Proto.Pipeline pipeline, bool includeUnreachable = false, bool drain = false)
    {
        var graph = new PipelineGraph(pipeline) { Drain = drain };
        var transforms = pipeline.Components?.Transforms.Count ?? 0;
        if (transforms > PipelineLimits.MaxTransforms)
        {
            // Nothing more is looked at: the size alone refuses the pipeline.
            graph.Problems.Add(new("pipeline", "limit", "transforms", $"the pipeline has {transforms} transforms, more than the limit of {PipelineLimits.MaxTransforms}"));
            return graph;
        }

        var roots = graph.Expand(pipeline);
        if (includeUnreachable)
        {
            graph.ExpandUnreachable(roots);
        }

        graph.IndexProducers();
        graph.SortLeaves();
        return graph;
    }

    public Proto.PCollection PCollection(string id) => Components.Pcollections[id];

    public Proto.WindowingStrategy WindowingOf(string pcollectionId) => Components.WindowingStrategies[PCollection(pcollectionId).WindowingStrategyId];

    private List<string> Expand(Proto.Pipeline pipeline)
    {
        var roots = pipeline.RootTransformIds.ToList();
        if (roots.Count == 0)
        {
            var children = Components.Transforms.Values.SelectMany(static t => t.Subtransforms).ToHashSet();
            roots = [.. Components.Transforms.Keys.Where(id => !children.Contains(id))];
        }

        foreach (var root in roots)
        {
            Walk(root, "pipeline root_transform_ids", 1);
        }

        return roots;
    }

    // Transforms the roots do not reach through subtransforms (found iteratively): the outermost ones first (each in
    // id order), then any left (subtransform cycles). Parts of a lifted combine are reachable, only not expanded.
    private void ExpandUnreachable(IReadOnlyCollection<string> roots)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(roots);
        while (pending.TryPop(out var id))
        {
            if (reached.Add(id) && Components.Transforms.TryGetValue(id, out var transform))
            {
                foreach (var child in transform.Subtransforms)
                {
                    pending.Push(child);
                }
            }
        }

        var left = _submitted.Where(id => !reached.Contains(id)).Order(StringComparer.Ordinal).ToList();
        var children = left.SelectMany(id => Components.Transforms[id].Subtransforms).ToHashSet();
        foreach (var id in left.Where(id => !children.Contains(id)).Concat(left))
        {
            if (!_walked.Contains(id))
            {
                Walk(id, "the pipeline's components (not reachable from its root transforms)", 1);
            }
        }
    }

    private void Walk(string id, string referrer, int depth)
    {
        if (!Components.Transforms.TryGetValue(id, out var transform))
        {
            Problems.Add(new(id, "dangling reference", id, $"transform '{id}' named by {referrer} does not exist"));
            return;
        }

        if (depth > PipelineLimits.MaxCompositeDepth)
        {
            // Checked before recursing: a deeper chain is neither walked nor reported twice.
            if (!_tooDeep)
            {
                Problems.Add(new(id, "limit", "composite nesting", $"transform '{id}' ({referrer}) is nested {depth} composites deep, more than the limit of {PipelineLimits.MaxCompositeDepth}"));
            }

            _tooDeep = true;
            return;
        }

        if (id.Length == 0)
        {
            // The runner names the engine's stages by transform ids (src/Engine StageGraphBuilder refuses an empty one).
            Problems.Add(new("pipeline", "empty id", "transform", $"a transform ({referrer}) has the empty string as its id"));
        }

        if (_walking.Contains(id))
        {
            Problems.Add(new(id, "cycle", id, "transform is its own (indirect) subtransform"));
            return;
        }

        if (!_walked.Add(id))
        {
            return;
        }

        _walking.Add(id);
        var urn = transform.Spec?.Urn ?? "";
        var preparer = TransformPreparers.For(urn);
        if (preparer is not null && preparer.ReplacesSubtransforms(urn))
        {
            preparer.Expand(this, id, transform, depth);
        }
        else if (transform.Subtransforms.Count > 0)
        {
            ExpandSubtransforms(id, transform, depth);
        }
        else if (urn.Length == 0 && transform.Outputs.Values.All(transform.Inputs.Values.Contains))
        {
            // An empty composite (no spec, no parts) whose outputs are its inputs: nothing to run.
        }
        else if (preparer is not null)
        {
            preparer.Expand(this, id, transform, depth);
        }
        else if (TransformPreparers.IsSdkCapability(Components, transform, urn))
        {
            TransformPreparers.SdkCapability.Expand(this, id, transform, depth);
        }
        else
        {
            Problems.Add(new(id, "transform URN", urn, "unknown or unsupported leaf transform"));
        }

        _walking.Remove(id);
    }

    /// <summary>Expands the subtransforms of the composite <paramref name="id"/> (at nesting <paramref name="depth"/>) in their listed order.</summary>
    public void ExpandSubtransforms(string id, Proto.PTransform transform, int depth)
    {
        foreach (var child in transform.Subtransforms)
        {
            Walk(child, $"a subtransform of '{id}'", depth + 1);
        }
    }

    /// <summary>Adds a leaf of the family <paramref name="preparer"/>, checking that its PCollections exist.</summary>
    public void AddLeaf(string id, Proto.PTransform transform, LeafPreparer preparer)
    {
        var leaf = new Leaf(id, transform, preparer);
        var sideLocals = preparer.SideInputs(id, transform, Problems);
        foreach (var (local, pcollection) in transform.Inputs.OrderBy(static i => i.Key, StringComparer.Ordinal))
        {
            CheckPCollection(id, pcollection, $"input '{local}'");
            if (sideLocals.TryGetValue(local, out var accessPattern))
            {
                leaf.SideInputs.Add((local, pcollection, accessPattern));
            }
            else
            {
                leaf.MainInputs.Add(pcollection);
            }
        }

        foreach (var local in sideLocals.Keys.Where(l => !transform.Inputs.ContainsKey(l)))
        {
            Problems.Add(new(id, "dangling reference", local, $"side input '{local}' is not among the transform's inputs"));
        }

        foreach (var (local, pcollection) in transform.Outputs.OrderBy(static o => o.Key, StringComparer.Ordinal))
        {
            CheckPCollection(id, pcollection, $"output '{local}'");
            leaf.Outputs.Add(pcollection);
        }

        _discovered.Add(leaf);
    }

    private void CheckPCollection(string transformId, string pcollectionId, string role)
    {
        if (pcollectionId.Length == 0)
        {
            // The engine names its PCollections by these ids (src/Engine StageGraphBuilder refuses an empty one).
            Problems.Add(new(transformId, "empty id", role, $"{role} names the empty string as its PCollection id"));
            return;
        }

        if (!Components.Pcollections.TryGetValue(pcollectionId, out var pcollection))
        {
            Problems.Add(new(transformId, "dangling reference", pcollectionId, $"{role} names PCollection '{pcollectionId}', which does not exist"));
            return;
        }

        if (!Components.Coders.ContainsKey(pcollection.CoderId) && !Coders.Contains(pcollection.CoderId))
        {
            Problems.Add(new(pcollectionId, "dangling reference", pcollection.CoderId, $"the PCollection's coder '{pcollection.CoderId}' does not exist"));
        }

        if (!Components.WindowingStrategies.ContainsKey(pcollection.WindowingStrategyId))
        {
            Problems.Add(new(pcollectionId, "dangling reference", pcollection.WindowingStrategyId, $"the PCollection's windowing strategy '{pcollection.WindowingStrategyId}' does not exist"));
        }
    }

    private void IndexProducers()
    {
        foreach (var leaf in _discovered)
        {
            foreach (var output in leaf.Outputs)
            {
                if (!Producers.TryAdd(output, leaf) && Producers[output] != leaf)
                {
                    Problems.Add(new(output, "PCollection", output, $"produced by both '{Producers[output].Id}' and '{leaf.Id}'"));
                }
            }
        }

        foreach (var leaf in _discovered)
        {
            foreach (var input in leaf.AllInputs.Where(i => Components.Pcollections.ContainsKey(i) && !Producers.ContainsKey(i)))
            {
                Problems.Add(new(leaf.Id, "dangling reference", input, $"reads PCollection '{input}', which no transform of the pipeline produces"));
            }
        }
    }

    // Kahn's algorithm over the PCollection edges; ties keep the discovery order.
    private void SortLeaves()
    {
        var waiting = _discovered.ToDictionary(static l => l, l => l.AllInputs.Where(Producers.ContainsKey).Select(i => Producers[i]).Where(p => p != l).Distinct().Count());
        var consumers = _discovered.ToDictionary(static l => l, static _ => new List<Leaf>());
        foreach (var leaf in _discovered)
        {
            foreach (var producer in leaf.AllInputs.Where(Producers.ContainsKey).Select(i => Producers[i]).Where(p => p != leaf).Distinct())
            {
                consumers[producer].Add(leaf);
            }
        }

        var ready = new PriorityQueue<Leaf, int>();
        var order = _discovered.Select(static (l, i) => (l, i)).ToDictionary(static x => x.l, static x => x.i);
        foreach (var leaf in _discovered.Where(l => waiting[l] == 0))
        {
            ready.Enqueue(leaf, order[leaf]);
        }

        while (ready.TryDequeue(out var next, out _))
        {
            Leaves.Add(next);
            foreach (var consumer in consumers[next])
            {
                if (--waiting[consumer] == 0)
                {
                    ready.Enqueue(consumer, order[consumer]);
                }
            }
        }

        var selfLoops = _discovered.Where(l => l.AllInputs.Any(i => l.Outputs.Contains(i))).ToList();
        foreach (var leaf in selfLoops)
        {
            Problems.Add(new(leaf.Id, "cycle", leaf.Id, "the transform reads its own output"));
        }

        if (Leaves.Count < _discovered.Count)
        {
            var stuck = _discovered.Where(l => !Leaves.Contains(l) && !selfLoops.Contains(l)).Select(static l => l.Id).ToList();
            if (stuck.Count > 0)
            {
                Problems.Add(new(stuck[0], "cycle", string.Join(", ", stuck), "these transforms depend on each other's outputs in a cycle"));
            }
        }
    }
}
