using BeamConformance.Engine;
using BeamConformance.Model.Windows;
using BeamConformance.ReferenceRunner.Translation;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Tests.Translation;

public sealed class EngineGraphTests
{
    [Fact]
    public void Stages_and_runner_transforms_become_engine_stages_with_their_kinds_and_windowing()
    {
        var p = new TestPipeline();
        var keyed = p.ParDo("a", p.Impulse("impulse"), "kv_opaque", "sessions");
        p.ParDo("b", p.GroupByKey("gbk", keyed));
        p.Components.WindowingStrategies["sessions"].AllowedLateness = 2000;

        var graph = PipelineFuser.Fuse(p.Build()).BuildEngineGraph();

        Assert.Equal(
            ["impulse Impulse  -> impulse.out", "stage1 Sdk impulse.out -> a.out", "gbk GroupByKey a.out -> gbk.out", "stage2 Sdk gbk.out -> "],
            graph.Stages.Select(static s => $"{s.Id} {s.Kind} {string.Join(",", s.Inputs)} -> {string.Join(",", s.Outputs)}"));
        var windowing = graph.Stages.Single(static s => s.Kind == StageKind.GroupByKey).WindowingStrategy!;
        Assert.Same(SessionsMergeFn.Instance, windowing.MergeFn);
        Assert.Equal(2000, windowing.AllowedLatenessMillis);
    }

    public static TheoryData<string, string, string> Mappings => new()
    {
        // Global mapping: every main window reads the global window.
        { "fixed", "beam:window_mapping_fn:global:v1", "GlobalWindow" },
        // Identity mapping: a main window reads the same window.
        { "fixed", "beam:window_mapping_fn:identity:v1", "[1970-01-01T00:00:00.000Z, 1970-01-01T00:00:10.000Z)" },
        // Any other mapping: no mapping, the engine waits for the complete side input.
        { "fixed", "beam:window_mapping_fn:assign_max_timestamp:v1", "none" },
        // A side input in the global window (global window coder) has no other window: whatever the mapping fn.
        { "global", "beam:window_mapping_fn:assign_max_timestamp:v1", "GlobalWindow" },
        { "global", "beamconformance:window_mapping_fn:v1", "GlobalWindow" },
    };

    [Theory]
    [MemberData(nameof(Mappings))]
    public void Side_inputs_carry_the_standard_window_mappings_to_the_engine(string sideWindowing, string mappingUrn, string mapped)
    {
        var pipeline = FusionTests.Build("side input");
        pipeline.Components.Pcollections["s.out"].WindowingStrategyId = sideWindowing;
        var c = pipeline.Components.Transforms["c"];
        var payload = ParDoPayload.Parser.ParseFrom(c.Spec.Payload);
        payload.SideInputs["side0"].WindowMappingFn.Urn = mappingUrn;
        c.Spec.Payload = Google.Protobuf.MessageExtensions.ToByteString(payload);
        var fused = PipelineFuser.Fuse(pipeline);

        var side = fused.BuildEngineGraph().Stages.Single(static s => s.SideInputs.Count > 0).SideInputs.Single();

        Assert.Equal(mappingUrn, fused.StageOf(new("stage2")).SideInputs.Single().WindowMappingUrn);
        Assert.Equal("s.out", side.PCollection.Value);
        Assert.Equal(mapped, side.WindowMapping?.Invoke(new IntervalWindow(0, 10000)).ToString() ?? "none");
    }
}
