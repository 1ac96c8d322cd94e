using BeamConformance.Conformance.Scenarios;

namespace BeamConformance.Conformance.Tests.Scenarios;

/// <summary>The optional transform key <c>unique_name</c>: a PTransform unique name that differs from the id.</summary>
public sealed class UniqueNameLoaderTests
{
    private const string Valid = """
        id: area/behaviour
        description: Transforms with unique names.
        spec: beam_runner_api.proto PTransform.unique_name
        features: [UsesImpulse]
        pipeline:
          pcollections:
            impulse: {coder: bytes}
          transforms:
            - {name: Impulse, unique_name: "Read/Impulse", urn: "beam:transform:impulse:v1", outputs: {out: impulse}}
            - {name: Out, urn: "beamconformance:transform:capture:v1", inputs: [impulse]}
        expect:
          outputs: {Out: []}
        """;

    [Fact]
    public void Unique_name_is_read_and_absent_means_null()
    {
        var s = ScenarioLoader.Load(Valid, "t.yaml");

        Assert.Equal("Read/Impulse", s.Pipeline.Transforms[0].UniqueName);
        Assert.Equal("Impulse", s.Pipeline.Transforms[0].Name);
        Assert.Null(s.Pipeline.Transforms[1].UniqueName);
    }

    [Theory]
    // A unique name used by another transform (as its unique_name or, without one, its name).
    [InlineData("unique_name: \"Read/Impulse\"", "unique_name: Out", "t.yaml:10:7: key 'name': unique name 'Out' is used twice")]
    [InlineData("name: Out, urn", "name: Out, unique_name: \"Read/Impulse\", urn", "t.yaml:10:7: key 'unique_name': unique name 'Read/Impulse' is used twice")]
    // Empty.
    [InlineData("unique_name: \"Read/Impulse\"", "unique_name: \"\"", "key 'unique_name': a unique name is not empty")]
    public void Bad_unique_names_are_errors(string find, string replace, string expected)
    {
        Assert.Contains(find, Valid, StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioFormatException>(() => ScenarioLoader.Load(Valid.Replace(find, replace, StringComparison.Ordinal), "t.yaml"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
