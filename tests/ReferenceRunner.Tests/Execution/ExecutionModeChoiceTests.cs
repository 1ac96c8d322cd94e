using BeamConformance.Engine;
using BeamConformance.Model;
using BeamConformance.ReferenceRunner.Execution.Internal;
using BeamConformance.ReferenceRunner.Tests.Translation;
using Google.Protobuf.WellKnownTypes;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Tests.Execution;

public sealed class ExecutionModeChoiceTests
{
    public static TheoryData<string, ExecutionMode?, string> Rows => new()
    {
        // all BOUNDED, auto: batch
        { "bounded", null, "execution mode: batch (every PCollection of the pipeline is BOUNDED)" },
        // UNSPECIFIED counts as bounded
        { "unspecified", null, "execution mode: batch (every PCollection of the pipeline is BOUNDED)" },
        // one UNBOUNDED PCollection: streaming, naming it
        { "unbounded", null, "execution mode: streaming (PCollection 'pardo.out' is UNBOUNDED)" },
        // a TestStream: streaming, naming the transform
        { "teststream", null, "execution mode: streaming (transform 'events' is a TestStream)" },
        // forced either way, whatever the pipeline says
        { "unbounded", ExecutionMode.Batch, "execution mode: batch (forced by the runner's execution mode option (--execution-mode batch))" },
        { "bounded", ExecutionMode.Streaming, "execution mode: streaming (forced by the runner's execution mode option (--execution-mode streaming))" },
        // bounded, but the user ran with --streaming
        { "streaming-option", null, "execution mode: streaming (the pipeline option beam:option:streaming:v1 is true)" },
        // --streaming=false, or the option as a string, changes nothing
        { "streaming-option-false", null, "execution mode: batch (every PCollection of the pipeline is BOUNDED)" },
        { "streaming-option-string", null, "execution mode: batch (every PCollection of the pipeline is BOUNDED)" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Mode_and_reason_per_pipeline(string shape, ExecutionMode? forced, string message)
    {
        var pipeline = new TestPipeline();
        var impulse = pipeline.Impulse("impulse");
        var output = pipeline.ParDo("pardo", impulse);
        switch (shape)
        {
            case "unspecified":
                pipeline.Components.Pcollections[output].IsBounded = IsBounded.Types.Enum.Unspecified;
                break;
            case "unbounded":
                pipeline.Components.Pcollections[output].IsBounded = IsBounded.Types.Enum.Unbounded;
                break;
            case "teststream":
                pipeline.Components.Transforms["events"] = new PTransform { UniqueName = "events", Spec = new FunctionSpec { Urn = Urns.Transforms.TestStream } };
                break;
        }

        var options = new Struct();
        switch (shape)
        {
            case "streaming-option": options.Fields[ExecutionModeChoice.StreamingOption] = Value.ForBool(true); break;
            case "streaming-option-false": options.Fields[ExecutionModeChoice.StreamingOption] = Value.ForBool(false); break;
            case "streaming-option-string": options.Fields[ExecutionModeChoice.StreamingOption] = Value.ForString("true"); break;
        }

        Assert.Equal(message, ExecutionModeChoice.For(pipeline.Build(), forced, options).ToString());
    }
}
