using BeamConformance.Model;
using BeamConformance.Conformance.Running.Internal;
using BeamConformance.Conformance.Scenarios;
using BeamConformance.FakeHarness;
using BeamConformance.Model.Windowing;
using BeamConformance.Protos.Adapters;
using Google.Protobuf;
using Org.Apache.Beam.Model.Pipeline.V1;
using YamlDotNet.RepresentationModel;

namespace BeamConformance.Conformance.Running;

/// <summary>
/// Turns a scenario's pipeline into the beam_runner_api.proto <c>Pipeline</c> the suite submits (the wire contract
/// between the suite and the FakeHarness, /tmp/team/HARNESS.md): standard primitives for Impulse, GroupByKey and
/// Flatten; windowing strategies through the model's one proto adapter (<c>WindowingProtoAdapter</c>); our test transforms as <c>beam:transform:pardo:v1</c> whose <c>do_fn</c> carries the beamconformance URN
/// and the payload as UTF-8 JSON plus a <c>"run"</c> key; WindowInto, combines (composites with their unlifted
/// expansion) and Reshuffle (composite: GroupByKey then explode values) as the contract says; one EXTERNAL environment
/// <c>fakeharness</c> pointing at the FakeHarness worker pool.
/// </summary>
public static class PipelineBuilder
{
    /// <summary>The PTransform input key of a ParDo's main input.</summary>
    public const string MainInput = "main";

    /// <summary>
    /// Builds the pipeline of <paramref name="scenario"/> for one run.
    /// </summary>
    /// <param name="scenario">The loaded scenario.</param>
    /// <param name="runId">The run id added to every JSON payload (the harness files captures under it).</param>
    /// <param name="harnessEndpoint">The FakeHarness worker pool endpoint, <c>host:port</c>.</param>
    /// <param name="yamlText">The scenario file's text (payloads are converted from its YAML nodes); null reads
    /// <see cref="Scenario.SourcePath"/>.</param>
    /// <returns>The pipeline proto.</returns>
    /// <exception cref="InvalidOperationException">A composite (combine, reshuffle) whose input is not a known kv PCollection,
    /// or a served TestStream (only a run, which hosts its TestStreamService, can build one).</exception>
    public static Pipeline Build(Scenario scenario, string runId, string harnessEndpoint, string? yamlText = null) =>
        Build(scenario, runId, harnessEndpoint, yamlText, null);

    // testStreams: the run's TestStreamServices, which served TestStreams need (ScenarioRunner passes them).
    internal static Pipeline Build(Scenario scenario, string runId, string harnessEndpoint, string? yamlText, ServedTestStreams? testStreams)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var payloads = PayloadJson.PayloadNodes(scenario.SourcePath, yamlText ?? File.ReadAllText(scenario.SourcePath));
        var context = new BuildContext(scenario.Pipeline, runId, payloads)
        {
            TestStreams = testStreams,
            HarnessEnvironmentId = scenario.EnvironmentId ?? HarnessUrns.EnvironmentId,
        };
        var components = context.Components;

        var environment = new Org.Apache.Beam.Model.Pipeline.V1.Environment
        {
            Urn = Urns.Environments.External,
            Payload = new ExternalPayload { Endpoint = new ApiServiceDescriptor { Url = harnessEndpoint } }.ToByteString(),
        };
        environment.Capabilities.Add(HarnessUrns.Capabilities);
        components.Environments[context.HarnessEnvironmentId] = environment;
        foreach (var (id, added) in scenario.Pipeline.Environments)
        {
            var copy = added.Harness ? environment.Clone() : new Org.Apache.Beam.Model.Pipeline.V1.Environment { Urn = added.Urn };
            copy.Capabilities.Add(added.Capabilities);
            components.Environments[id] = copy;
        }

        foreach (var (id, strategy) in scenario.Pipeline.WindowingStrategies)
        {
            components.WindowingStrategies[id] = (strategy with
            {
                WindowCoderId = strategy.WindowFn is WindowFn.Global ? context.Coders.GlobalWindow : context.Coders.IntervalWindow,
                EnvironmentId = context.HarnessEnvironmentId,
            }).ToProto();
        }

        foreach (var (id, pc) in scenario.Pipeline.PCollections)
        {
            context.AddPCollection(id, pc.Coder, pc.Windowing, pc.Bounded);
        }

        var pipeline = new Pipeline { Components = scenario.Pipeline.WithoutComponents ? null : components };
        var parts = scenario.Pipeline.Transforms.SelectMany(static t => t.Subtransforms ?? []).ToHashSet(StringComparer.Ordinal);
        foreach (var transform in scenario.Pipeline.Transforms)
        {
            var id = TransformTranslator.Add(context, transform);
            if (transform.UniqueName is { } uniqueName)
            {
                // The id stays the name (what captures, metrics and messages key on); only unique_name differs.
                components.Transforms[id].UniqueName = uniqueName;
            }

            foreach (var (key, value) in transform.Annotations)
            {
                components.Transforms[id].Annotations[key] = Google.Protobuf.ByteString.CopyFromUtf8(value);
            }

            if (transform.EnvironmentId is { } transformEnvironment)
            {
                components.Transforms[id].EnvironmentId = transformEnvironment;
            }

            if (transform.Subtransforms is { } subtransforms)
            {
                Composites.SetSubtransforms(components, id, subtransforms);
            }

            var root = Composites.Wrap(components, id, transform.WrappedIn);
            if (!parts.Contains(id))
            {
                pipeline.RootTransformIds.Add(root);
            }
        }

        if (scenario.Pipeline.RootTransformIds is { } roots)
        {
            pipeline.RootTransformIds.Clear();
            pipeline.RootTransformIds.Add(roots);
        }

        Composites.AddEmpty(components, scenario.Pipeline.EmptyComposites);

        // Last, so a raw entry replaces whatever was built under its id (protobuf MergeFrom of map entries).
        if (scenario.Pipeline.ComponentsJson is { } json)
        {
            components.MergeFrom(Components.Parser.ParseJson(json));
        }

        pipeline.Requirements.Add(scenario.Pipeline.Requirements);
        var parDos = components.Transforms.Values.Select(ParDoOverrides.TryParse).OfType<ParDoPayload>().ToList();

        // As Beam's SDKs do: a stateful DoFn, one that requests finalization, a splittable DoFn, one that requires
        // time-sorted input (Java's @RequiresTimeSortedInput) each add their requirement; with
        // on_window_expiration_timer_family_spec set, beam_runner_api.proto asks for the requirement too.
        AddRequirement(pipeline, Model.Urns.Requirements.StatefulProcessing, parDos.Any(static p => p.StateSpecs.Count > 0 || p.TimerFamilySpecs.Count > 0));
        AddRequirement(pipeline, Model.Urns.Requirements.BundleFinalization, parDos.Any(static p => p.RequestsFinalization));
        AddRequirement(pipeline, Model.Urns.Requirements.SplittableDoFn, parDos.Any(static p => p.RestrictionCoderId.Length > 0));
        AddRequirement(pipeline, Model.Urns.Requirements.OnWindowExpiration, parDos.Any(static p => p.OnWindowExpirationTimerFamilySpec.Length > 0));
        AddRequirement(pipeline, Model.Urns.Requirements.TimeSortedInput, parDos.Any(static p => p.RequiresTimeSortedInput));
        return pipeline;
    }

    private static void AddRequirement(Pipeline pipeline, string requirement, bool needed)
    {
        if (needed && !pipeline.Requirements.Contains(requirement))
        {
            pipeline.Requirements.Add(requirement);
        }
    }

    /// <summary>Shared state while building one pipeline.</summary>
    internal sealed class BuildContext
    {
        public BuildContext(PipelineSpec spec, string runId, IReadOnlyDictionary<string, YamlNode> payloads)
        {
            Spec = spec;
            RunId = runId;
            Payloads = payloads;
            Coders = new CoderTable(Components);
        }

        public PipelineSpec Spec { get; }

        public string RunId { get; }

        public IReadOnlyDictionary<string, YamlNode> Payloads { get; }

        public Components Components { get; } = new();

        public CoderTable Coders { get; }

        /// <summary>The run's TestStreamServices, or null when the pipeline is built outside a run.</summary>
        public ServedTestStreams? TestStreams { get; init; }

        /// <summary>The FakeHarness environment's id: the scenario's <c>environment_id</c>, else <see cref="HarnessUrns.EnvironmentId"/>.</summary>
        public string HarnessEnvironmentId { get; init; } = HarnessUrns.EnvironmentId;

        public void AddPCollection(string id, CoderSpec coder, string windowing, bool bounded) =>
            Components.Pcollections[id] = new PCollection
            {
                UniqueName = id,
                CoderId = Coders.Id(coder),
                WindowingStrategyId = windowing,
                IsBounded = bounded ? IsBounded.Types.Enum.Bounded : IsBounded.Types.Enum.Unbounded,
            };

        /// <summary>The scenario PCollection <paramref name="id"/>, or an error naming the transform.</summary>
        public PCollectionSpec PCollection(string id, string transform) =>
            Spec.PCollections.TryGetValue(id, out var pc)
                ? pc
                : throw new InvalidOperationException($"transform '{transform}': its PCollection '{id}' is not declared");
    }
}
