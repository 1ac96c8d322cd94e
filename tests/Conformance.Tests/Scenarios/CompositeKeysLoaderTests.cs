using BeamConformance.Conformance.Running;
using BeamConformance.Conformance.Scenarios;

namespace BeamConformance.Conformance.Tests.Scenarios;

/// <summary>
/// The composite-shaping keys (testdata/README.md, "Composites and the pipeline's shape"): a transform's
/// <c>subtransforms</c> and <c>wrapped_in</c>, the pipeline's <c>root_transform_ids</c>, <c>without_components</c> and
/// <c>empty_composites</c>, and <c>urn: ""</c> with <c>opaque</c>; read by the loader and sent by the builder.
/// </summary>
public sealed class CompositeKeysLoaderTests
{
    private const string Valid = """
        id: area/behaviour
        description: Composites.
        spec: beam_runner_api.proto PTransform.subtransforms
        features: [UsesPrepareValidation]
        pipeline:
          root_transform_ids: [Read, Out/wrap2]
          empty_composites: 3
          pcollections:
            impulse: {coder: bytes}
            pairs: {coder: "kv<string_utf8,varint>"}
            sums: {coder: "kv<string_utf8,varint>"}
          transforms:
            - {name: Read, urn: "", opaque: true, outputs: {out: pairs}, subtransforms: [Impulse, Create]}
            - {name: Impulse, urn: "beam:transform:impulse:v1", outputs: {out: impulse}}
            - {name: Create, urn: "beamconformance:transform:create:v1", inputs: [impulse], outputs: {out: pairs}, payload: {values: [[a, 1]]}}
            - {name: Sum, urn: "beam:transform:combine_per_key:v1", inputs: [pairs], outputs: {out: sums}, payload: {fn: sum}, subtransforms: []}
            - {name: Out, urn: "beamconformance:transform:capture:v1", inputs: [pairs], wrapped_in: 2}
        expect:
          outputs: {Out: []}
        """;

    [Fact]
    public void The_keys_are_read_and_absent_means_none()
    {
        var s = ScenarioLoader.Load(Valid, "t.yaml");

        Assert.Equal(["Read", "Out/wrap2"], s.Pipeline.RootTransformIds);
        Assert.Equal(3, s.Pipeline.EmptyComposites);
        Assert.False(s.Pipeline.WithoutComponents);
        Assert.Equal(["Impulse", "Create"], s.Pipeline.Transforms[0].Subtransforms);
        Assert.Empty(s.Pipeline.Transforms[3].Subtransforms!);
        Assert.Null(s.Pipeline.Transforms[1].Subtransforms);
        Assert.Equal(2, s.Pipeline.Transforms[4].WrappedIn);
        Assert.Equal(0, s.Pipeline.Transforms[1].WrappedIn);

        var plain = ScenarioLoader.Load(Valid.Replace("  root_transform_ids: [Read, Out/wrap2]\n  empty_composites: 3\n", "", StringComparison.Ordinal), "t.yaml");
        Assert.Null(plain.Pipeline.RootTransformIds);
        Assert.Equal(0, plain.Pipeline.EmptyComposites);
    }

    [Theory]
    [InlineData("subtransforms: [Impulse, Create]", "subtransforms: [Impulse, Nope]", "t.yaml:13:7: key 'subtransforms': transform 'Read': unknown transform 'Nope'")]
    [InlineData("subtransforms: [Impulse, Create]", "subtransforms: [Read]", "key 'subtransforms': transform 'Read': a transform is not its own subtransform")]
    [InlineData("wrapped_in: 2", "wrapped_in: -1", "key 'wrapped_in': -1 is not from 0 to 200000")]
    [InlineData("empty_composites: 3", "empty_composites: 200001", "key 'empty_composites': 200001 is not from 0 to 200000")]
    [InlineData("opaque: true, outputs: {out: pairs}", "outputs: {out: pairs}", "key 'urn': unknown transform URN ''")]
    public void Bad_keys_are_errors(string find, string replace, string expected)
    {
        Assert.Contains(find, Valid, StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioFormatException>(() => ScenarioLoader.Load(Valid.Replace(find, replace, StringComparison.Ordinal), "t.yaml"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_builder_sends_composites_roots_wrappers_and_empty_composites()
    {
        var s = ScenarioLoader.Load(Valid, "t.yaml");

        var pipeline = PipelineBuilder.Build(s, "r1", "127.0.0.1:5555", Valid);

        var transforms = pipeline.Components.Transforms;
        Assert.Equal(["Read", "Out/wrap2"], pipeline.RootTransformIds);
        Assert.Null(transforms["Read"].Spec);
        Assert.Equal(["Impulse", "Create"], transforms["Read"].Subtransforms);
        // The combine is sent with its payload and without the builder's expansion.
        Assert.Equal("beam:transform:combine_per_key:v1", transforms["Sum"].Spec.Urn);
        Assert.Empty(transforms["Sum"].Subtransforms);
        Assert.DoesNotContain("Sum/GroupByKey", transforms.Keys);
        Assert.DoesNotContain("Sum/CombineGroupedValues", transforms.Keys);
        Assert.Equal(["Out"], transforms["Out/wrap1"].Subtransforms);
        Assert.Equal(["Out/wrap1"], transforms["Out/wrap2"].Subtransforms);
        Assert.Null(transforms["Out/wrap2"].Spec);
        Assert.Equal(transforms["Out"].Inputs, transforms["Out/wrap2"].Inputs);
        Assert.Equal(["empty/1", "empty/2", "empty/3"], transforms.Keys.Where(static k => k.StartsWith("empty/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Null(transforms["empty/3"].Spec);
        Assert.Empty(transforms["empty/3"].Outputs);
        // 5 transforms, 2 wrappers, 3 empty composites.
        Assert.Equal(10, transforms.Count);
    }

    [Fact]
    public void Without_roots_the_builder_lists_what_no_composite_names_and_without_components_sends_none()
    {
        var yaml = Valid.Replace("  root_transform_ids: [Read, Out/wrap2]\n", "  without_components: true\n", StringComparison.Ordinal);
        var s = ScenarioLoader.Load(yaml, "t.yaml");

        var pipeline = PipelineBuilder.Build(s, "r1", "127.0.0.1:5555", yaml);

        Assert.Equal(["Read", "Sum", "Out/wrap2"], pipeline.RootTransformIds);
        Assert.Null(pipeline.Components);
    }
}
