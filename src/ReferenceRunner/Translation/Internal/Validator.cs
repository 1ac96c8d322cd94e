using BeamConformance.Model;
using BeamConformance.ReferenceRunner.Environments.Internal;
using Proto = Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Translation.Internal;

/// <summary>
/// The validation of one pipeline: structure (via <see cref="PipelineGraph"/>, over every transform of the
/// components, reachable from the roots or not), requirements, each leaf's needs (asked of its family,
/// <see cref="Preparers.TransformPreparers"/>), environments and coders.
/// </summary>
internal sealed class Validator(Proto.Pipeline pipeline, TranslationOptions options)
{
    /// <summary>
    /// The <c>beam:requirement:*</c> URNs the runner meets: a retried bundle gets the same elements, so input is stable;
    /// stateful ParDos get keyed input, user state and timers; time-sorted input is delivered per key in timestamp order;
    /// splittable DoFns are expanded and split; a bundle that asks for finalization gets its FinalizeBundleRequest after
    /// its commit.
    /// </summary>
    private static readonly HashSet<string> SupportedRequirements =
    [
        Urns.Requirements.StableInput, Urns.Requirements.StatefulProcessing, Urns.Requirements.TimeSortedInput,
        Urns.Requirements.OnWindowExpiration, Urns.Requirements.SplittableDoFn, Urns.Requirements.BundleFinalization,
    ];

    public IReadOnlyList<ValidationProblem> Run() => Problems(pipeline, PipelineGraph.Build(pipeline, includeUnreachable: true, drain: options.Drain), options);

    /// <summary>Every problem of <paramref name="pipeline"/>, expanded as <paramref name="graph"/>.</summary>
    public static List<ValidationProblem> Problems(Proto.Pipeline pipeline, PipelineGraph graph, TranslationOptions options)
    {
        var problems = new List<ValidationProblem>(graph.Problems);
        foreach (var requirement in pipeline.Requirements.Where(r => !SupportedRequirements.Contains(r)))
        {
            problems.Add(new("pipeline", "requirement", requirement, requirement.StartsWith(BeamNames.Prefixes.Requirement, StringComparison.Ordinal)
                ? "the runner does not meet this requirement"
                : "unknown requirement"));
        }

        problems.AddRange(CheckLeaves(graph, options));
        return problems;
    }

    /// <summary>
    /// Problems of the leaves the runner would run, each checked by its family (shape, environment, payload
    /// features, coders and windowing it must read), then the environments and the coders of every PCollection.
    /// </summary>
    public static List<ValidationProblem> CheckLeaves(PipelineGraph graph, TranslationOptions options)
    {
        var problems = new List<ValidationProblem>();
        foreach (var leaf in graph.Leaves)
        {
            if (leaf.Preparer.ShapeProblem(leaf) is { } wrong)
            {
                problems.Add(new(leaf.Id, "transform shape", leaf.Transform.Spec?.Urn ?? "", wrong));
            }

            leaf.Preparer.Check(graph, leaf, problems);
        }

        CheckEnvironments(graph, options, problems);
        CheckCoders(graph, problems);
        return problems;
    }

    // Every environment a transform names (reachable or not, composite or leaf) must be one the runner can start
    // workers for: EnvironmentSupport decides, here at Prepare and again when a worker is started. A missing
    // environment is the SDK leaf's problem (SdkTransformPreparer).
    private static void CheckEnvironments(PipelineGraph graph, TranslationOptions options, List<ValidationProblem> problems)
    {
        var named = graph.Components.Transforms.Values.Select(static t => t.EnvironmentId).Where(static id => id.Length > 0);
        foreach (var id in named.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (graph.Components.Environments.TryGetValue(id, out var environment)
                && EnvironmentSupport.WhyUnsupported(environment, options.AllowProcessEnvironment) is { } why)
            {
                problems.Add(new(id, "environment", environment.Urn, why));
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

                // A standard window fn makes one kind of window; a coder of the other kind would hand the engine windows
                // its window fn cannot have made (e.g. global windows to merge as sessions).
                var windowFn = windowing.WindowFn?.Urn ?? "";
                var made = windowFn == Urns.WindowFns.GlobalWindows ? Urns.Coders.GlobalWindow
                    : windowFn is Urns.WindowFns.FixedWindows or Urns.WindowFns.SlidingWindows or Urns.WindowFns.SessionWindows ? Urns.Coders.IntervalWindow
                    : null;
                if (made is not null && graph.Coders.UrnOf(windowCoder) != made)
                {
                    problems.Add(new(pcollection.WindowingStrategyId, "window coder", graph.Coders.UrnOf(windowCoder), $"window fn {windowFn} makes windows coded by {made}"));
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
