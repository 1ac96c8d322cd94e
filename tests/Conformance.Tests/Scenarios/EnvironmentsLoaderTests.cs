using BeamConformance.Conformance.Running;
using BeamConformance.Conformance.Scenarios;
using BeamConformance.FakeHarness;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.Conformance.Tests.Scenarios;

/// <summary>
/// The pipeline key <c>environments</c> (environments beside the FakeHarness's) and the transform key <c>environment</c>
/// (a PTransform's environment_id): read by the loader, written into the Pipeline proto by the builder.
/// </summary>
public sealed class EnvironmentsLoaderTests
{
    private const string Valid = """
        id: area/behaviour
        description: Transforms in added environments.
        spec: beam_runner_api.proto Environment
        features: [UsesPrepareValidation]
        pipeline:
          environments:
            docker: {urn: "beam:env:docker:v1", capabilities: ["beam:coder:bytes:v1"]}
            more: {harness: true, capabilities: ["beamconformance:transform:x:v1"]}
          pcollections:
            impulse: {coder: bytes}
            a: {coder: varint}
          transforms:
            - {name: Impulse, urn: "beam:transform:impulse:v1", outputs: {out: impulse}}
            - {name: Create, urn: "beamconformance:transform:create:v1", environment: docker, inputs: [impulse], outputs: {out: a}, payload: {values: [1]}}
            - {name: Out, urn: "beamconformance:transform:capture:v1", environment: "", inputs: [a]}
        expect:
          failure: {phase: prepare}
        """;

    [Fact]
    public void Environments_and_transform_environment_ids_are_read()
    {
        var s = ScenarioLoader.Load(Valid, "t.yaml");

        Assert.Equal(["docker", "more"], s.Pipeline.Environments.Keys);
        Assert.Equal(("docker", "beam:env:docker:v1", false), (s.Pipeline.Environments["docker"].Id, s.Pipeline.Environments["docker"].Urn, s.Pipeline.Environments["docker"].Harness));
        Assert.Equal(["beam:coder:bytes:v1"], s.Pipeline.Environments["docker"].Capabilities);
        Assert.True(s.Pipeline.Environments["more"].Harness);
        Assert.Null(s.Pipeline.Environments["more"].Urn);
        Assert.Null(s.Pipeline.Transforms[0].EnvironmentId);
        Assert.Equal("docker", s.Pipeline.Transforms[1].EnvironmentId);
        Assert.Equal("", s.Pipeline.Transforms[2].EnvironmentId);
    }

    [Fact]
    public void The_builder_adds_the_environments_and_sets_the_transforms_environment_ids()
    {
        var pipeline = PipelineBuilder.Build(ScenarioLoader.Load(Valid, "t.yaml"), "r1", "127.0.0.1:5555", Valid);
        var environments = pipeline.Components.Environments;

        Assert.Equal(["docker", HarnessUrns.EnvironmentId, "more"], environments.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("beam:env:docker:v1", environments["docker"].Urn);
        Assert.True(environments["docker"].Payload.IsEmpty);
        Assert.Equal(["beam:coder:bytes:v1"], environments["docker"].Capabilities);
        // A harness copy: the harness's URN, payload (endpoint) and capabilities, then the added ones.
        var harness = environments[HarnessUrns.EnvironmentId];
        Assert.Equal(harness.Urn, environments["more"].Urn);
        Assert.Equal(harness.Payload, environments["more"].Payload);
        Assert.Equal([.. harness.Capabilities, "beamconformance:transform:x:v1"], environments["more"].Capabilities);
        Assert.Equal("docker", pipeline.Components.Transforms["Create"].EnvironmentId);
        Assert.Equal("", pipeline.Components.Transforms["Out"].EnvironmentId);
        Assert.Equal("", pipeline.Components.Transforms["Impulse"].EnvironmentId);
    }

    [Theory]
    [InlineData("docker: {urn: \"beam:env:docker:v1\", ", "fakeharness: {urn: \"beam:env:docker:v1\", ", "'fakeharness' is the FakeHarness's own environment")]
    [InlineData("more: {harness: true, ", "more: {harness: true, urn: \"beam:env:docker:v1\", ", "an environment has either a urn or harness: true")]
    [InlineData("more: {harness: true, ", "more: {", "an environment has either a urn or harness: true")]
    [InlineData("more: {harness: true, ", "more: {payload: x, harness: true, ", "payload")]
    public void Bad_environments_are_errors(string find, string replace, string expected)
    {
        Assert.Contains(find, Valid, StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioFormatException>(() => ScenarioLoader.Load(Valid.Replace(find, replace, StringComparison.Ordinal), "t.yaml"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
