using BeamConformance.Model;
using BeamConformance.Model.Windows;
using BeamConformance.ReferenceRunner.Translation;
using Org.Apache.Beam.Model.FnExecution.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Tests.Translation;

public sealed class DescriptorTests
{
    private static readonly ApiServiceDescriptor Data = new() { Url = "localhost:4001" };
    private static readonly ApiServiceDescriptor State = new() { Url = "localhost:4002" };

    [Fact]
    public void Stage_descriptor_has_a_data_source_and_sink_per_boundary_with_the_wire_coders()
    {
        var fused = PipelineFuser.Fuse(FusionTests.Build("gbk"));
        var plan = fused.StageOf(new("stage1"));

        var descriptor = plan.BuildDescriptor("d1", Data, State);

        Assert.Equal("d1", descriptor.Id);
        Assert.Equal(["a", "stage1/sink/a.out", "stage1/source/impulse.out"], descriptor.Transforms.Keys.Order(StringComparer.Ordinal));
        var source = descriptor.Transforms["stage1/source/impulse.out"];
        Assert.Equal("beam:runner:source:v1", source.Spec.Urn);
        Assert.Equal(new RemoteGrpcPort { ApiServiceDescriptor = Data, CoderId = plan.Inputs[0].Coding.CoderId }, RemoteGrpcPort.Parser.ParseFrom(source.Spec.Payload));
        Assert.Equal("impulse.out", source.Outputs.Values.Single());
        Assert.Empty(source.Inputs);
        var sink = descriptor.Transforms["stage1/sink/a.out"];
        Assert.Equal("beam:runner:sink:v1", sink.Spec.Urn);
        Assert.Equal(new RemoteGrpcPort { ApiServiceDescriptor = Data, CoderId = plan.Outputs[0].Coding.CoderId }, RemoteGrpcPort.Parser.ParseFrom(sink.Spec.Payload));
        Assert.Equal("a.out", sink.Inputs.Values.Single());
        Assert.Equal(["a.out", "impulse.out"], descriptor.Pcollections.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("kv_opaque", descriptor.Pcollections["a.out"].CoderId); // the PCollection keeps the SDK's own coder
        Assert.Equal(State, descriptor.StateApiServiceDescriptor);
        Assert.Equal(Data, descriptor.TimerApiServiceDescriptor);
        Assert.Equal("beam:coder:windowed_value:v1(beam:coder:bytes:v1, beam:coder:global_window:v1)", CoderTree(descriptor, plan.Inputs[0].Coding.CoderId));
        Assert.Equal(
            "beam:coder:windowed_value:v1(beam:coder:kv:v1(beam:coder:length_prefix:v1(beam:coder:genericobjectjs:v1), beam:coder:length_prefix:v1(beam:coder:genericobjectjs:v1)), beam:coder:global_window:v1)",
            CoderTree(descriptor, plan.Outputs[0].Coding.CoderId));
        Assert.Equal(("stage1/source/impulse.out", "stage1/sink/a.out"), (plan.Inputs[0].TransformId, plan.Outputs[0].TransformId));
    }

    [Fact]
    public void Each_call_builds_a_fresh_descriptor()
    {
        var plan = PipelineFuser.Fuse(FusionTests.Build("gbk")).StageOf(new("stage1"));

        var first = plan.BuildDescriptor("d1", Data, State);
        var second = plan.BuildDescriptor("d2", new ApiServiceDescriptor { Url = "other:1" }, State);

        Assert.Equal("localhost:4001", RemoteGrpcPort.Parser.ParseFrom(first.Transforms["stage1/source/impulse.out"].Spec.Payload).ApiServiceDescriptor.Url);
        Assert.Equal("other:1", RemoteGrpcPort.Parser.ParseFrom(second.Transforms["stage1/source/impulse.out"].Spec.Payload).ApiServiceDescriptor.Url);
    }

    public static TheoryData<string, string> WireCoders => new()
    {
        // A coder the runner measures passes untouched.
        { "varint", "beam:coder:windowed_value:v1(beam:coder:varint:v1, beam:coder:global_window:v1)" },
        // An SDK-specific coder is length-prefixed.
        { "opaque", "beam:coder:windowed_value:v1(beam:coder:length_prefix:v1(beam:coder:genericobjectjs:v1), beam:coder:global_window:v1)" },
        // A KV of known coders stays as it is.
        { "kv_str_varint", "beam:coder:windowed_value:v1(beam:coder:kv:v1(beam:coder:string_utf8:v1, beam:coder:varint:v1), beam:coder:global_window:v1)" },
        // A KV is rebuilt over length-prefixed unknown components, so the key can be split off.
        { "kv_opaque", "beam:coder:windowed_value:v1(beam:coder:kv:v1(beam:coder:length_prefix:v1(beam:coder:genericobjectjs:v1), beam:coder:length_prefix:v1(beam:coder:genericobjectjs:v1)), beam:coder:global_window:v1)" },
        // An iterable of an unknown coder: the elements are prefixed.
        { "iter_opaque", "beam:coder:windowed_value:v1(beam:coder:iterable:v1(beam:coder:length_prefix:v1(beam:coder:genericobjectjs:v1)), beam:coder:global_window:v1)" },
        // Rows are prefixed whole (as Prism does), whatever their schema.
        { "row", "beam:coder:windowed_value:v1(beam:coder:length_prefix:v1(beam:coder:row:v1), beam:coder:global_window:v1)" },
        // An already length-prefixed coder is not prefixed again.
        { "lp_opaque", "beam:coder:windowed_value:v1(beam:coder:length_prefix:v1(beam:coder:genericobjectjs:v1), beam:coder:global_window:v1)" },
    };

    [Theory]
    [MemberData(nameof(WireCoders))]
    public void Boundary_coders_are_length_prefixed_where_the_runner_cannot_measure_them(string coder, string expected)
    {
        var p = new TestPipeline()
            .Coder("iter_opaque", "beam:coder:iterable:v1", "opaque")
            .Coder("row", "beam:coder:row:v1")
            .Coder("lp_opaque", "beam:coder:length_prefix:v1", "opaque");
        p.ParDo("b", p.Reshuffle("reshuffle", p.ParDo("a", p.Impulse("impulse"), coder)));
        var fused = PipelineFuser.Fuse(p.Build());
        var plan = fused.StageOf(new("stage1"));

        var coding = plan.Outputs.Single().Coding;

        Assert.Equal(expected, CoderTree(plan.BuildDescriptor("d", Data, State), coding.CoderId));
        Assert.Equal(expected, coding.WindowedValueCoder.ToString());
        Assert.Equal(coding.CoderId, fused.CodingOf(new("reshuffle.out")).CoderId); // the Reshuffle passes the same bytes on
    }

    [Fact]
    public void Impulse_output_coding_encodes_the_impulse_element_exactly()
    {
        var coding = PipelineFuser.Fuse(FusionTests.Build("chain")).CodingOf(new("impulse.out"));

        var bytes = coding.WindowedValueCoder.EncodeToArray(new WindowedValue<object?>(Array.Empty<byte>(), BeamTime.MinTimestampMillis, [GlobalWindow.Instance], PaneInfo.NoFiring));

        Assert.Equal(Convert.FromHexString("7fdf3b645a1cac09000000010f00"), bytes);
        Assert.False(coding.IsKeyed);
    }

    public static TheoryData<string, string, int> KeyLengths => new()
    {
        // length-prefixed opaque key "abc": 1 length byte + 3 bytes
        { "kv_opaque", "03616263" + "0178", 4 },
        // string_utf8 key "hi": varint length + 2 bytes; varint value 5
        { "kv_str_varint", "026869" + "05", 3 },
    };

    [Theory]
    [MemberData(nameof(KeyLengths))]
    public void Keyed_codings_measure_the_key(string coder, string elementHex, int keyLength)
    {
        var p = new TestPipeline();
        p.GroupByKey("gbk", p.ParDo("a", p.Impulse("impulse"), coder));
        var coding = PipelineFuser.Fuse(p.Build()).CodingOf(new("a.out"));

        Assert.True(coding.IsKeyed);
        Assert.Equal(keyLength, coding.KeyCoder!.MeasureNested(Convert.FromHexString(elementHex)));
    }

    [Fact]
    public void GroupByKey_output_is_read_as_key_then_iterable_of_the_input_values()
    {
        var fused = PipelineFuser.Fuse(FusionTests.Build("gbk"));
        var plan = fused.StageOf(new("stage2"));

        Assert.Equal(
            "beam:coder:windowed_value:v1(beam:coder:kv:v1(beam:coder:length_prefix:v1(beam:coder:genericobjectjs:v1), beam:coder:iterable:v1(beam:coder:length_prefix:v1(beam:coder:genericobjectjs:v1))), beam:coder:global_window:v1)",
            CoderTree(plan.BuildDescriptor("d", Data, State), plan.Inputs.Single().Coding.CoderId));
        var grouped = Engine.GroupByKeyEncoding.EncodeKeyedIterable([0x01, 0x6B], [new byte[] { 0x01, 0x76 }, new byte[] { 0x00 }]);
        var value = (KV)plan.Inputs.Single().Coding.ElementCoder.DecodeFrom(grouped)!;
        Assert.Equal([0x6B], (byte[])value.Key!);
    }

    [Fact]
    public void Side_input_is_read_through_a_copy_of_its_PCollection_with_the_runner_safe_coder()
    {
        var fused = PipelineFuser.Fuse(FusionTests.Build("side input"));
        var plan = fused.StageOf(new("stage2"));
        var descriptor = plan.BuildDescriptor("d", Data, State);

        var side = plan.SideInputs.Single();
        Assert.Equal(("c", "side0", "s.out", "beam:side_input:iterable:v1"), (side.TransformId, side.LocalName, side.PCollection.Value, side.AccessPatternUrn));
        Assert.Equal(fused.CodingOf(new("s.out")).CoderId, side.Coding.CoderId);
        Assert.Equal("s.out/runner-safe", descriptor.Transforms["c"].Inputs["side0"]);
        Assert.Equal("a.out", descriptor.Transforms["c"].Inputs["in"]);
        var copy = descriptor.Pcollections["s.out/runner-safe"];
        Assert.Equal("beam:coder:length_prefix:v1(beam:coder:genericobjectjs:v1)", CoderTree(descriptor, copy.CoderId));
        Assert.Equal("global", copy.WindowingStrategyId);
        Assert.Equal("beam:coder:length_prefix:v1(beam:coder:genericobjectjs:v1)", side.Coding.ElementCoder.ToString());
        Assert.Equal("beam:coder:global_window:v1", side.WindowCoder.ToString());
    }

    [Fact]
    public void Lifted_combine_parts_carry_the_combine_payload_and_accumulator_coders()
    {
        var pipeline = FusionTests.Build("combine lifted");
        var payload = pipeline.Components.Transforms["combine"].Spec.Payload;
        var fused = PipelineFuser.Fuse(pipeline);

        var upstream = fused.StageOf(new("stage1")).BuildDescriptor("d1", Data, State);
        var downstream = fused.StageOf(new("stage2")).BuildDescriptor("d2", Data, State);

        Assert.Equal("beam:transform:combine_per_key_precombine:v1", upstream.Transforms["combine/Precombine"].Spec.Urn);
        Assert.Equal(payload, upstream.Transforms["combine/Precombine"].Spec.Payload);
        Assert.Equal("js", upstream.Transforms["combine/Precombine"].EnvironmentId);
        Assert.Equal("beam:transform:combine_per_key_merge_accumulators:v1", downstream.Transforms["combine/Merge"].Spec.Urn);
        Assert.Equal("beam:transform:combine_per_key_extract_outputs:v1", downstream.Transforms["combine/ExtractOutputs"].Spec.Urn);
        Assert.Equal(payload, downstream.Transforms["combine/ExtractOutputs"].Spec.Payload);
        Assert.Equal("combine/apply.out", downstream.Transforms["combine/ExtractOutputs"].Outputs.Values.Single());
        Assert.Equal("beam:coder:kv:v1(beam:coder:genericobjectjs:v1, beam:coder:varint:v1)", CoderTree(upstream, upstream.Pcollections["combine/Precombine.out"].CoderId));
        Assert.Equal(
            "beam:coder:windowed_value:v1(beam:coder:kv:v1(beam:coder:length_prefix:v1(beam:coder:genericobjectjs:v1), beam:coder:iterable:v1(beam:coder:varint:v1)), beam:coder:global_window:v1)",
            fused.CodingOf(new("combine/Group.out")).WindowedValueCoder.ToString());
        var gbk = fused.RunnerTransforms.Single(r => r.Kind == RunnerTransformKind.GroupByKey);
        Assert.Equal(("combine/Group", "combine/Group", "combine/Precombine.out", "combine/Group.out"), (gbk.StageId.Value, gbk.TransformId, gbk.Inputs.Single().Value, gbk.Output.Value));
    }

    private static string CoderTree(ProcessBundleDescriptor descriptor, string coderId)
    {
        var coder = descriptor.Coders[coderId];
        return coder.ComponentCoderIds.Count == 0
            ? coder.Spec.Urn
            : $"{coder.Spec.Urn}({string.Join(", ", coder.ComponentCoderIds.Select(c => CoderTree(descriptor, c)))})";
    }
}
