using BeamConformance.Conformance.Checking;
using BeamConformance.Conformance.Scenarios;

namespace BeamConformance.Conformance.Tests.Scenarios;

/// <summary>
/// The transform key <c>annotations</c> and the <c>descriptor</c> check's <c>transform_urns_exclude</c> and
/// <c>transforms</c> (URN, exact unique name, exact annotations): loading and checking.
/// </summary>
public sealed class DescriptorCheckTests
{
    private const string Valid = """
        id: area/behaviour
        description: Descriptor transforms.
        spec: beam_runner_api.proto PTransform.annotations
        features: [UsesImpulse]
        pipeline:
          pcollections:
            impulse: {coder: bytes}
          transforms:
            - {name: Impulse, urn: "beam:transform:impulse:v1", outputs: {out: impulse}, annotations: {owner: team-a}}
            - {name: Out, urn: "beamconformance:transform:capture:v1", inputs: [impulse]}
        expect:
          outputs: {Out: []}
          protocol:
            - descriptor:
                transform_urns_exclude: ["beam:transform:combine_per_key_precombine:v1"]
                transforms:
                  - {urn: "beamconformance:transform:capture:v1", unique_name: Out, annotations: {}}
                  - {urn: "beam:runner:source:v1"}
        """;

    [Fact]
    public void Annotations_and_descriptor_transforms_are_read()
    {
        var s = ScenarioLoader.Load(Valid, "t.yaml");

        Assert.Equal("team-a", s.Pipeline.Transforms[0].Annotations["owner"]);
        Assert.Empty(s.Pipeline.Transforms[1].Annotations);
        var d = Assert.IsType<ProtocolCheck.Descriptor>(Assert.Single(s.Expect.Protocol));
        Assert.Empty(d.TransformUrnsInclude);
        Assert.Equal(["beam:transform:combine_per_key_precombine:v1"], d.TransformUrnsExclude);
        Assert.Equal(2, d.Transforms.Count);
        Assert.Equal(("beamconformance:transform:capture:v1", "Out"), (d.Transforms[0].Urn, d.Transforms[0].UniqueName));
        Assert.Empty(d.Transforms[0].Annotations!);
        Assert.Null(d.Transforms[1].UniqueName);
        Assert.Null(d.Transforms[1].Annotations);
    }

    [Theory]
    [InlineData("unique_name: Out, annotations", "unique_name: \"\", annotations", "key 'unique_name': a unique name is not empty")]
    [InlineData("{urn: \"beam:runner:source:v1\"}", "{unique_name: X}", "'urn'")]
    [InlineData("{urn: \"beam:runner:source:v1\"}", "{urn: u, name: X}", "'name'")]
    [InlineData("annotations: {owner: team-a}", "annotations: [owner]", "annotations")]
    public void Bad_keys_are_errors(string find, string replace, string expected)
    {
        Assert.Contains(find, Valid, StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioFormatException>(() => ScenarioLoader.Load(Valid.Replace(find, replace, StringComparison.Ordinal), "t.yaml"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static readonly ProtocolLog Log = new(
        [],
        [
            new RecordedDescriptor("d1", ["beam:runner:source:v1", "beam:transform:combine_per_key_precombine:v1"], HasStateApi: false)
            {
                Transforms =
                [
                    new("beam:runner:source:v1", "d1/source", new Dictionary<string, string>()),
                    new("beam:transform:combine_per_key_precombine:v1", "Totals/Sum/Precombine", new Dictionary<string, string> { ["owner"] = "7465616d2d61" }),
                ],
            },
            new RecordedDescriptor("d2", ["beamconformance:transform:capture:v1"], HasStateApi: false)
            {
                Transforms = [new("beamconformance:transform:capture:v1", "Out", new Dictionary<string, string>())],
            },
        ],
        [],
        []);

    private const string Precombine = "beam:transform:combine_per_key_precombine:v1";

    public static TheoryData<string, ProtocolCheck.Descriptor, string?> Rows => new()
    {
        // The part's exact unique name and annotations ("team-a" as UTF-8).
        { "named", new([], null) { Transforms = [new(Precombine, "Totals/Sum/Precombine", new Dictionary<string, string> { ["owner"] = "team-a" })] }, null },
        // Only the URN and the unique name.
        { "name only", new([], null) { Transforms = [new(Precombine, "Totals/Sum/Precombine", null)] }, null },
        // Another unique name: the failure lists each descriptor's transforms with their names and annotations.
        { "wrong name", new([], null) { Transforms = [new(Precombine, "Sum/Precombine", null)] },
            "descriptor: none holds [beam:transform:combine_per_key_precombine:v1 'Sum/Precombine']; registered: d1 [beam:runner:source:v1 'd1/source', beam:transform:combine_per_key_precombine:v1 'Totals/Sum/Precombine' {owner=7465616d2d61}]" },
        // No annotations expected, one present.
        { "extra annotation", new([], null) { Transforms = [new(Precombine, null, new Dictionary<string, string>())] }, "none holds [beam:transform:combine_per_key_precombine:v1 {}]" },
        // Another annotation value.
        { "wrong annotation", new([], null) { Transforms = [new(Precombine, null, new Dictionary<string, string> { ["owner"] = "team-b" })] }, "{owner=7465616d2d62}]" },
        // Both entries must be in one descriptor.
        { "two descriptors", new([], null) { Transforms = [new(Precombine, null, null), new("beamconformance:transform:capture:v1", "Out", null)] }, "none holds" },
        // An URN no descriptor holds.
        { "excluded absent", new([], null) { TransformUrnsExclude = ["beam:transform:combine_per_key_extract_outputs:v1"] }, null },
        // An URN one descriptor holds.
        { "excluded present", new([], null) { TransformUrnsExclude = [Precombine] }, "descriptor: 'beam:transform:combine_per_key_precombine:v1' must be in no descriptor; held by d1" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Descriptor_check(string label, ProtocolCheck.Descriptor check, string? problem)
    {
        var result = ProtocolChecker.Check([check], Log);

        Assert.True(problem is null == result.Passed, $"{label}: {result.Diff}");
        if (problem is not null)
        {
            Assert.Contains(problem, result.Diff, StringComparison.Ordinal);
        }
    }
}
