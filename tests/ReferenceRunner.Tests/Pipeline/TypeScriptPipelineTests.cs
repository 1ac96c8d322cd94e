using System.Runtime.CompilerServices;
using BeamConformance.Engine;
using BeamConformance.ReferenceRunner.Translation;
using Google.Protobuf;
using Org.Apache.Beam.Model.FnExecution.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Tests.Translation;

/// <summary>
/// Pipelines as the Beam TypeScript SDK 2.49.0 submits them (interop/typescript), stored as protobuf JSON under
/// <c>Pipeline/TypeScript/</c>: the graph, URNs, coders, windowing and environments as the SDK sent them, with the
/// SDK's serialized function payloads (do_fn, combine_fn, view_fn and custom window fn bytes), display data and
/// environment dependencies cleared, since those carry the SDK's own code. Capture one with
/// <c>cd interop/typescript &amp;&amp; node tools/inspect.js --json NAME</c> and clear those fields before committing it.
/// </summary>
public sealed class TypeScriptPipelineTests
{
    private static readonly ApiServiceDescriptor Endpoint = new() { Url = "localhost:4001" };

    public static TheoryData<string, int, string> Pipelines => new()
    {
        // Three Impulses, a Flatten of three inputs and a Flatten of a PCollection with itself.
        { "flatten", 6, "Flatten=2 GroupByKey=1 Impulse=3" },
        // Three CombinePerKeys over global windows, all lifted (one GroupByKey each), plus the Create's GroupByKey.
        { "combine_per_key", 5, "GroupByKey=4 Impulse=1" },
        // Session windows: the GroupByKey merges (not lifted: nothing to lift).
        { "session_windows", 3, "GroupByKey=2 Impulse=1" },
        // Iterable side inputs from three producers, one of them a lifted combine.
        { "side_inputs_global", 7, "GroupByKey=3 Impulse=3" },
        // split/partition outputs all consumed in one stage.
        { "multiple_outputs", 2, "GroupByKey=1 Impulse=1" },
        // GroupByKey of keys of mixed types (opaque key coder, length-prefixed by the runner).
        { "gbk_mixed_keys", 3, "GroupByKey=2 Impulse=1" },
    };

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void Real_sdk_pipelines_validate_and_fuse(string name, int stages, string runnerTransforms)
    {
        var pipeline = Load(name);

        Assert.Empty(PipelineValidator.Validate(pipeline));
        var fused = PipelineFuser.Fuse(pipeline);
        var graph = fused.BuildEngineGraph();

        Assert.Equal(stages, fused.Stages.Count);
        Assert.Equal(runnerTransforms, string.Join(" ", fused.RunnerTransforms.GroupBy(static r => r.Kind).Select(static g => $"{g.Key}={g.Count()}").Order(StringComparer.Ordinal)));
        Assert.Equal(fused.Stages.Count + fused.RunnerTransforms.Count, graph.Stages.Count);
        foreach (var gbk in fused.RunnerTransforms.Where(static r => r.Kind == RunnerTransformKind.GroupByKey))
        {
            Assert.True(fused.CodingOf(gbk.Inputs.Single()).IsKeyed, $"GroupByKey {gbk.StageId} input is keyed");
        }

        foreach (var stage in fused.Stages)
        {
            var descriptor = stage.BuildDescriptor(stage.StageId.Value, Endpoint, Endpoint);
            foreach (var port in stage.Inputs.Select(static i => i.TransformId).Concat(stage.Outputs.Select(static o => o.TransformId)))
            {
                var coderId = RemoteGrpcPort.Parser.ParseFrom(descriptor.Transforms[port].Spec.Payload).CoderId;
                Assert.Equal("beam:coder:windowed_value:v1", descriptor.Coders[coderId].Spec.Urn);
                AssertRunnerCanFrame(descriptor, coderId, port);
            }

            foreach (var transform in descriptor.Transforms.Values)
            {
                Assert.All(transform.Inputs.Values.Concat(transform.Outputs.Values), p => Assert.True(descriptor.Pcollections.ContainsKey(p), $"{p} is in descriptor {descriptor.Id}"));
            }
        }
    }

    [Fact]
    public void Session_windows_are_merged_by_the_GroupByKey_after_WindowInto()
    {
        var fused = PipelineFuser.Fuse(Load("session_windows"));

        var merging = fused.RunnerTransforms.Where(static r => r.WindowingStrategy?.MergeFn is SessionsMergeFn).ToList();

        Assert.Single(merging);
        Assert.Equal("beam:coder:interval_window:v1", fused.CodingOf(merging[0].Inputs.Single()).WindowCoder.Urn);
    }

    // Every coder under the port's windowed value is one the runner measures, or sits directly under a length prefix.
    private static void AssertRunnerCanFrame(ProcessBundleDescriptor descriptor, string coderId, string port)
    {
        var coder = descriptor.Coders[coderId];
        var urn = coder.Spec.Urn;
        if (urn == "beam:coder:length_prefix:v1")
        {
            return;
        }

        Assert.True(urn is "beam:coder:windowed_value:v1" or "beam:coder:kv:v1" or "beam:coder:iterable:v1" or "beam:coder:nullable:v1"
            or "beam:coder:bytes:v1" or "beam:coder:string_utf8:v1" or "beam:coder:varint:v1" or "beam:coder:double:v1" or "beam:coder:bool:v1"
            or "beam:coder:global_window:v1" or "beam:coder:interval_window:v1", $"port {port}: coder {urn} is not length-prefixed");
        foreach (var component in coder.ComponentCoderIds)
        {
            AssertRunnerCanFrame(descriptor, component, port);
        }
    }

    private static Org.Apache.Beam.Model.Pipeline.V1.Pipeline Load(string name, [CallerFilePath] string here = "") =>
        JsonParser.Default.Parse<Org.Apache.Beam.Model.Pipeline.V1.Pipeline>(File.ReadAllText(Path.Combine(Path.GetDirectoryName(here)!, "TypeScript", name + ".json")));
}
