using BeamConformance.Conformance.Running;
using BeamConformance.Conformance.Scenarios;
using BeamConformance.FakeHarness;

namespace BeamConformance.Conformance.Tests.Scenarios;

/// <summary>The optional scenario key <c>environment_id</c>: the id the submitted pipeline gives the harness environment.</summary>
public sealed class EnvironmentIdLoaderTests
{
    private const string Valid = """
        id: area/behaviour
        description: An environment with its own id.
        spec: beam_runner_api.proto Environment
        features: [UsesParDo]
        environment_id: "sdk~env-é"
        pipeline:
          windowing_strategies:
            fixed: {window_fn: {fixed: {size_ms: 1000}}}
          pcollections:
            impulse: {coder: bytes}
            numbers: {coder: varint, windowing: fixed}
          transforms:
            - {name: Impulse, urn: "beam:transform:impulse:v1", outputs: {out: impulse}}
            - {name: Create, urn: "beamconformance:transform:create:v1", inputs: [impulse], outputs: {out: numbers}, payload: {values: [1]}}
            - {name: Out, urn: "beamconformance:transform:capture:v1", inputs: [numbers]}
        expect:
          outputs: {Out: []}
        """;

    [Fact]
    public void Environment_id_is_read_and_absent_means_null()
    {
        Assert.Equal("sdk~env-é", ScenarioLoader.Load(Valid, "t.yaml").EnvironmentId);
        Assert.Null(ScenarioLoader.Load(Valid.Replace("environment_id: \"sdk~env-é\"\n", "", StringComparison.Ordinal), "t.yaml").EnvironmentId);
    }

    [Fact]
    public void The_pipeline_names_the_harness_environment_by_the_given_id_everywhere()
    {
        var pipeline = PipelineBuilder.Build(ScenarioLoader.Load(Valid, "t.yaml"), "run", "127.0.0.1:1", Valid);

        Assert.Equal(["sdk~env-é"], pipeline.Components.Environments.Keys);
        Assert.Contains(pipeline.Components.Transforms.Values, static t => t.EnvironmentId == "sdk~env-é");
        Assert.DoesNotContain(pipeline.Components.Transforms.Values, static t => t.EnvironmentId == HarnessUrns.EnvironmentId);
        Assert.All(pipeline.Components.WindowingStrategies.Values, static w => Assert.Equal("sdk~env-é", w.EnvironmentId));
    }

    [Fact]
    public void An_empty_environment_id_is_an_error()
    {
        var error = Assert.Throws<ScenarioFormatException>(() => ScenarioLoader.Load(Valid.Replace("\"sdk~env-é\"", "\"\"", StringComparison.Ordinal), "t.yaml"));

        Assert.Contains("key 'environment_id': an environment id is not empty", error.Message, StringComparison.Ordinal);
    }
}
