using BeamConformance.Conformance.Running;
using BeamConformance.Conformance.Tests.Scenarios;
using Org.Apache.Beam.Model.Pipeline.V1;
using ScenarioId = BeamConformance.Conformance.Scenarios.ScenarioId;
using ScenarioLoader = BeamConformance.Conformance.Scenarios.ScenarioLoader;

namespace BeamConformance.Conformance.Tests.Suite;

/// <summary>The Pipeline proto for the <c>unique_name</c> transform key and for served TestStreams built outside a run.</summary>
public sealed class PipelineBuilderExtrasTests
{
    private static Pipeline Build(string id) =>
        PipelineBuilder.Build(ScenarioLoader.LoadFile(Path.Combine(TestData.ScenariosRoot, id + ".yaml"), new ScenarioId(id)), "r1", "127.0.0.1:5555");

    [Fact]
    public void Unique_name_sets_the_transforms_unique_name_and_keeps_its_id()
    {
        var transforms = Build("windowing/streaming_back_dated_unique_names").Components.Transforms;

        Assert.Equal("Stamp/ParDo(Stamp)", transforms["Stamp"].UniqueName);
        Assert.Equal("Window and group/Group", transforms["Group"].UniqueName);
        // Without the key the unique name is the id.
        Assert.Equal("Window", transforms["Window"].UniqueName);
    }

    [Fact]
    public void A_served_teststream_outside_a_run_is_a_clear_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build("teststream/served_same_panes_as_payload"));

        Assert.Equal("transform 'Events': a served TestStream needs the suite's TestStreamService, which only a run hosts", error.Message);
    }

    [Fact]
    public void An_endpoint_override_is_the_payload_endpoint_with_no_events()
    {
        var pipeline = Build("teststream/served_endpoint_not_host_port_fails_job");
        var payload = TestStreamPayload.Parser.ParseFrom(pipeline.Components.Transforms["Events"].Spec.Payload);

        Assert.Equal("not a host", payload.Endpoint.Url);
        Assert.Empty(payload.Events);
        Assert.Equal(pipeline.Components.Pcollections["nums"].CoderId, payload.CoderId);
    }
}
