using BeamConformance.Model;
using Proto = Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Translation.Internal;

/// <summary>
/// The validation of one pipeline: structure (via <see cref="PipelineGraph"/>, over every transform of the
/// components, reachable from the roots or not), requirements, then each leaf's needs.
/// </summary>
internal sealed class Validator(Proto.Pipeline pipeline)
{
    /// <summary>The <c>beam:requirement:*</c> URNs the runner meets: bundles are never retried, so input is stable.</summary>
    private static readonly HashSet<string> SupportedRequirements = ["beam:requirement:pardo:stable_input:v1"];

    public IReadOnlyList<ValidationProblem> Run() => Problems(pipeline, PipelineGraph.Build(pipeline, includeUnreachable: true));

    /// <summary>Every problem of <paramref name="pipeline"/>, expanded as <paramref name="graph"/>.</summary>
    public static List<ValidationProblem> Problems(Proto.Pipeline pipeline, PipelineGraph graph)
    {
        var problems = new List<ValidationProblem>(graph.Problems);
        foreach (var requirement in pipeline.Requirements.Where(r => !SupportedRequirements.Contains(r)))
        {
            problems.Add(new("pipeline", "requirement", requirement, requirement.StartsWith(TransformUrns.RequirementPrefix, StringComparison.Ordinal)
                ? "the runner does not meet this requirement"
                : "unknown requirement"));
        }

        problems.AddRange(CheckLeaves(graph));
        return problems;
    }

    /// <summary>Problems of the leaves the runner would run: shapes, environments, ParDo features, coders and windowing it must read.</summary>
    public static List<ValidationProblem> CheckLeaves(PipelineGraph graph)
    {
        var problems = new List<ValidationProblem>();
        var environments = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var leaf in graph.Leaves)
        {
            CheckShape(leaf, problems);
            if (leaf.Kind == LeafKind.Sdk)
            {
                if (leaf.EnvironmentId.Length == 0)
                {
                    problems.Add(new(leaf.Id, "environment", "", "an SDK-executed transform has no environment_id"));
                }
                else if (!graph.Components.Environments.ContainsKey(leaf.EnvironmentId))
                {
                    problems.Add(new(leaf.Id, "environment", leaf.EnvironmentId, $"environment '{leaf.EnvironmentId}' does not exist"));
                }
                else
                {
                    environments.Add(leaf.EnvironmentId);
                }

                if (leaf.Transform.Spec?.Urn == TransformUrns.ParDo)
                {
                    CheckParDo(graph, leaf, problems);
                }
            }
            else if (leaf.Kind == LeafKind.TestStream)
            {
                problems.AddRange(TestStreamTranslator.Check(graph, leaf));
            }
            else if (leaf.Kind == LeafKind.GroupByKey && leaf.MainInputs.Count == 1 && graph.Components.Pcollections.TryGetValue(leaf.MainInputs[0], out var input))
            {
                if (!graph.Coders.Contains(input.CoderId) || graph.Coders.UrnOf(input.CoderId) != Urns.Coders.Kv)
                {
                    problems.Add(new(leaf.Id, "coder", graph.Coders.Contains(input.CoderId) ? graph.Coders.UrnOf(input.CoderId) : input.CoderId, "a GroupByKey input must use beam:coder:kv:v1"));
                }

                if (graph.Components.WindowingStrategies.TryGetValue(input.WindowingStrategyId, out var windowing))
                {
                    problems.AddRange(WindowingTranslator.Check(input.WindowingStrategyId, windowing).Where(p => !problems.Contains(p)));
                }
            }
        }

        foreach (var id in environments)
        {
            var urn = graph.Components.Environments[id].Urn;
            if (urn == TransformUrns.DockerEnvironment)
            {
                problems.Add(new(id, "environment", urn, "DOCKER environments are not supported yet (use LOOPBACK/EXTERNAL or PROCESS)"));
            }
            else if (urn is not (TransformUrns.ExternalEnvironment or TransformUrns.ProcessEnvironment or TransformUrns.AnyOfEnvironment))
            {
                problems.Add(new(id, "environment", urn, "unsupported environment type"));
            }
        }

        CheckCoders(graph, problems);
        return problems;
    }

    private static void CheckShape(Leaf leaf, List<ValidationProblem> problems)
    {
        var urn = leaf.Transform.Spec?.Urn ?? "";
        string? wrong = leaf.Kind switch
        {
            LeafKind.Impulse when leaf.AllInputs.Any() || leaf.Outputs.Count != 1 => "Impulse needs no input and one output",
            LeafKind.Flatten when leaf.MainInputs.Count == 0 || leaf.Outputs.Count != 1 => "Flatten needs at least one input and one output",
            LeafKind.GroupByKey when leaf.MainInputs.Count != 1 || leaf.Outputs.Count != 1 => "GroupByKey needs one input and one output",
            LeafKind.Reshuffle when leaf.MainInputs.Count != 1 || leaf.Outputs.Count != 1 => "Reshuffle needs one input and one output",
            LeafKind.TestStream when leaf.AllInputs.Any() || leaf.Outputs.Count == 0 => "TestStream needs no input and at least one output",
            LeafKind.Sdk when leaf.MainInputs.Count == 0 => "an SDK-executed transform needs a main input (sources start from an Impulse)",
            _ => null,
        };
        if (wrong is not null)
        {
            problems.Add(new(leaf.Id, "transform shape", urn, wrong));
        }
    }

    private static void CheckParDo(PipelineGraph graph, Leaf leaf, List<ValidationProblem> problems)
    {
        Proto.ParDoPayload payload;
        try
        {
            payload = Proto.ParDoPayload.Parser.ParseFrom(leaf.Transform.Spec.Payload);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            return; // PipelineGraph reported it.
        }

        foreach (var (stateId, spec) in payload.StateSpecs.OrderBy(static s => s.Key, StringComparer.Ordinal))
        {
            problems.Add(new(leaf.Id, "state spec", $"{stateId}: {spec.SpecCase}", "user state is not supported yet"));
        }

        foreach (var timerId in payload.TimerFamilySpecs.Keys.Order(StringComparer.Ordinal))
        {
            problems.Add(new(leaf.Id, "timer", timerId, "user timers are not supported yet"));
        }

        if (payload.RestrictionCoderId.Length > 0)
        {
            problems.Add(new(leaf.Id, "splittable DoFn", payload.RestrictionCoderId, "splittable DoFns are not supported yet"));
        }

        if (payload.RequestsFinalization)
        {
            problems.Add(new(leaf.Id, "bundle finalization", "requests_finalization", "bundle finalization is not supported yet"));
        }

        if (payload.RequiresTimeSortedInput)
        {
            problems.Add(new(leaf.Id, "time-sorted input", "requires_time_sorted_input", "time-sorted input is not supported yet"));
        }

        if (payload.OnWindowExpirationTimerFamilySpec.Length > 0)
        {
            problems.Add(new(leaf.Id, "timer", payload.OnWindowExpirationTimerFamilySpec, "on-window-expiration is not supported yet"));
        }

        foreach (var (local, pcollection, accessPattern) in leaf.SideInputs)
        {
            if (accessPattern is not (TransformUrns.IterableSideInput or TransformUrns.MultimapSideInput))
            {
                problems.Add(new(leaf.Id, "side input access pattern", accessPattern, $"side input '{local}' uses an unsupported access pattern"));
            }
            else if (accessPattern == TransformUrns.MultimapSideInput
                && graph.Components.Pcollections.TryGetValue(pcollection, out var side)
                && graph.Coders.Contains(side.CoderId)
                && graph.Coders.UrnOf(side.CoderId) != Urns.Coders.Kv)
            {
                problems.Add(new(leaf.Id, "coder", graph.Coders.UrnOf(side.CoderId), $"multimap side input '{local}' must read a PCollection with a beam:coder:kv:v1 coder"));
            }
        }
    }

    // Every PCollection of a leaf may cross a stage boundary: the runner must be able to frame its elements
    // (after length-prefixing unknown coders) and decode its windows.
    private static void CheckCoders(PipelineGraph graph, List<ValidationProblem> problems)
    {
        var checkedStrategies = new HashSet<string>();
        foreach (var id in graph.Leaves.SelectMany(static l => l.AllInputs.Concat(l.Outputs)).Distinct())
        {
            if (!graph.Components.Pcollections.TryGetValue(id, out var pcollection)
                || !graph.Coders.Contains(pcollection.CoderId)
                || !graph.Components.WindowingStrategies.TryGetValue(pcollection.WindowingStrategyId, out var windowing))
            {
                continue; // PipelineGraph reported the dangling reference.
            }

            if (checkedStrategies.Add(pcollection.WindowingStrategyId))
            {
                var windowCoder = windowing.WindowCoderId;
                if (!graph.Coders.Contains(windowCoder))
                {
                    problems.Add(new(pcollection.WindowingStrategyId, "dangling reference", windowCoder, $"window coder '{windowCoder}' does not exist"));
                    continue;
                }

                if (graph.Coders.UrnOf(windowCoder) is not (Urns.Coders.GlobalWindow or Urns.Coders.IntervalWindow))
                {
                    problems.Add(new(pcollection.WindowingStrategyId, "window coder", graph.Coders.UrnOf(windowCoder), "the runner reads windows: only global and interval windows are supported"));
                    continue;
                }
            }

            try
            {
                var element = graph.Coders.RunnerSafe(pcollection.CoderId);
                _ = graph.Coders.ModelCoder(graph.Coders.WindowedValue(element, graph.Coders.RunnerSafe(windowing.WindowCoderId)));
            }
            catch (Exception e) when (e is Model.Coders.CoderException or KeyNotFoundException or InvalidOperationException)
            {
                problems.Add(new(id, "coder", pcollection.CoderId, "the runner cannot frame this PCollection's elements: " + e.Message));
            }
        }
    }
}
