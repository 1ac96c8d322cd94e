using BeamConformance.Conformance.Running;
using BeamConformance.Conformance.Scenarios;

namespace BeamConformance.Conformance.Tests.Scenarios;

/// <summary>The optional pipeline key <c>components_json</c>: raw <c>Components</c> entries merged over the built ones.</summary>
public sealed class ComponentsJsonLoaderTests
{
    private const string Valid = """
        id: area/behaviour
        description: A PCollection whose coder is replaced by a raw one.
        spec: beam_runner_api.proto Components
        features: [UsesImpulse]
        pipeline:
          pcollections:
            impulse: {coder: bytes}
          transforms:
            - {name: Impulse, urn: "beam:transform:impulse:v1", outputs: {out: impulse}}
          components_json: '{"coders": {"raw": {"spec": {"urn": "beam:coder:kv:v1"}, "componentCoderIds": ["raw", "raw"]}}, "pcollections": {"impulse": {"uniqueName": "impulse", "coderId": "raw", "windowingStrategyId": "global"}}}'
        expect:
          failure: {phase: prepare, status: INVALID_ARGUMENT}
        """;

    [Fact]
    public void Raw_entries_replace_the_built_ones_and_add_to_them()
    {
        var scenario = ScenarioLoader.Load(Valid, "t.yaml");

        var pipeline = PipelineBuilder.Build(scenario, "run-1", "127.0.0.1:1", Valid);

        var pcollection = pipeline.Components.Pcollections["impulse"];
        Assert.Equal("raw", pcollection.CoderId);
        Assert.Equal(Org.Apache.Beam.Model.Pipeline.V1.IsBounded.Types.Enum.Unspecified, pcollection.IsBounded);
        Assert.Equal(["raw", "raw"], pipeline.Components.Coders["raw"].ComponentCoderIds);
        Assert.Equal("beam:coder:bytes:v1", pipeline.Components.Coders["bytes"].Spec.Urn);
    }

    [Fact]
    public void Absent_means_null()
    {
        var scenario = ScenarioLoader.Load(Valid.Replace("  components_json:", "  # components_json:", StringComparison.Ordinal), "t.yaml");

        Assert.Null(scenario.Pipeline.ComponentsJson);
    }

    [Theory]
    [InlineData("{\"coders\": {\"raw\": {\"spec\": {\"urn\": \"beam:coder:kv:v1\"}, \"componentCoderIds\": [\"raw\", \"raw\"]}}", "not JSON")]
    [InlineData("{\"coders\": {\"raw\": {\"spec\": {\"urn\": \"beam:coder:kv:v1\"}, \"componentCoderIds\": [\"raw\", \"raw\"]}}, \"pcollections\": {\"impulse\": {\"uniqueName\": \"impulse\", \"coderId\": \"raw\", \"windowingStrategyId\": \"global\"}}}", "unknown field")]
    public void Json_that_is_not_a_Components_is_an_error_at_the_key(string find, string kind)
    {
        var broken = kind == "not JSON"
            ? Valid.Replace(find, "{\"coders\": ", StringComparison.Ordinal)
            : Valid.Replace(find, "{\"transforms_by_name\": {}}", StringComparison.Ordinal);
        Assert.NotEqual(Valid, broken);

        var error = Assert.Throws<ScenarioFormatException>(() => ScenarioLoader.Load(broken, "t.yaml"));

        Assert.Contains("t.yaml:10:20: key 'components_json': not a beam_runner_api.proto Components in the protobuf JSON mapping: ", error.Message, StringComparison.Ordinal);
    }
}
