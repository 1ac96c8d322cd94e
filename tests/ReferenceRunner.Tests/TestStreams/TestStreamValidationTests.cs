using BeamConformance.ReferenceRunner.Tests.Translation;
using BeamConformance.ReferenceRunner.Translation;
using Google.Protobuf;
using Grpc.Core;
using Org.Apache.Beam.Model.JobManagement.V1;
using Org.Apache.Beam.Model.Pipeline.V1;
using static BeamConformance.ReferenceRunner.Tests.TestStreams.Events;

namespace BeamConformance.ReferenceRunner.Tests.TestStreams;

public sealed class TestStreamValidationTests
{
    private static Org.Apache.Beam.Model.Pipeline.V1.Pipeline WithTestStream(TestStreamPayload payload, params string[] tags)
    {
        var p = new TestPipeline();
        p.Transform("events", "beam:transform:teststream:v1", "", [], tags.Select(t => (t, p.PCollection($"events.{t}", "kv_str_varint"))), payload.ToByteString());
        foreach (var tag in tags)
        {
            p.ParDo($"sink_{tag}", $"events.{tag}");
        }

        return p.Build();
    }

    [Fact]
    public void Every_problem_of_the_events_is_listed_together()
    {
        var payload = new TestStreamPayload { CoderId = "kv_str_varint" };
        payload.Events.Add(
        [
            Watermark(5000, "left"),
            Add("nowhere", ("a", 1, 1000)),
            Watermark(4000, "left"),
            new TestStreamPayload.Types.Event { ElementEvent = new() { Tag = "right", Elements = { new TestStreamPayload.Types.TimestampedElement { EncodedElement = ByteString.CopyFrom(5, 0x61), Timestamp = 1 } } } },
            ProcessingTime(-1),
            new TestStreamPayload.Types.Event(),
            Watermark(6000, "right"),
            Watermark(5999, "right"),
        ]);

        var problems = PipelineValidator.Validate(WithTestStream(payload, "left", "right"));

        Assert.Equal(
        [
            "events: teststream tag 'event 1 tag 'nowhere'': names no output of the TestStream (outputs: 'left', 'right')",
            "events: teststream watermark 'event 2 tag 'left'': the watermark goes back from 1970-01-01T00:00:05.000Z to 1970-01-01T00:00:04.000Z",
            "events: teststream element 'event 3 element 0': encoded_element 0561 does not decode with coder 'kv_str_varint': beam:coder:string_utf8:v1: length 5 exceeds the 1 bytes left at byte offset 0",
            "events: teststream processing time 'event 4': advance_duration -1 ms is negative: processing time never goes back",
            "events: teststream event 'event 5': the event has none of watermark_event, processing_time_event, element_event",
            "events: teststream watermark 'event 7 tag 'right'': the watermark goes back from 1970-01-01T00:00:06.000Z to 1970-01-01T00:00:05.999Z",
        ], problems.Select(static p => p.ToString()));
    }

    [Fact]
    public void A_missing_coder_is_named()
    {
        Assert.Equal(
            ["events: coder '': the TestStreamPayload has no coder_id"],
            PipelineValidator.Validate(WithTestStream(new TestStreamPayload(), "out")).Select(static p => p.ToString()));
        Assert.Equal(
            ["events: dangling reference 'ghost': the TestStreamPayload's coder 'ghost' does not exist"],
            PipelineValidator.Validate(WithTestStream(new TestStreamPayload { CoderId = "ghost" }, "out")).Select(static p => p.ToString()));
    }

    [Fact]
    public void The_empty_tag_names_the_only_output_and_a_valid_stream_has_no_problem()
    {
        var payload = new TestStreamPayload { CoderId = "kv_str_varint" };
        payload.Events.Add([Add(("a", 1, 1000)), Watermark(10_000), ProcessingTime(0), Add("out", ("b", 2, 500)), Watermark(10_000, "out")]);

        Assert.Empty(PipelineValidator.Validate(WithTestStream(payload, "out")));
    }

    [Fact]
    public async Task Prepare_refuses_a_bad_TestStream_with_INVALID_ARGUMENT_listing_every_problem()
    {
        await using var job = await StreamingJob.StartAsync();
        var payload = new TestStreamPayload { CoderId = "kv_str_varint" };
        payload.Events.Add([Watermark(5000), Watermark(4000), Add("other", ("a", 1, 1))]);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await job.Jobs.PrepareAsync(
            new PrepareJobRequest { Pipeline = WithTestStream(payload, "out"), JobName = "bad" }, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(
            """
            pipeline not supported by the ReferenceRunner (2 problems):
            - events: teststream watermark 'event 1 tag 'out'': the watermark goes back from 1970-01-01T00:00:05.000Z to 1970-01-01T00:00:04.000Z
            - events: teststream tag 'event 2 tag 'other'': names no output of the TestStream (outputs: 'out')
            """.ReplaceLineEndings("\n"),
            error.Status.Detail);
    }

    [Fact]
    public void An_output_stage_named_like_another_transform_gets_a_suffix_so_the_engine_graph_builds()
    {
        // One engine stage per output, "events:<tag>"; a runner-side transform whose id is "events:left" is also a
        // stage under that id, so the output's stage becomes "events:left_2" (it used to fail the job at Run with
        // "stage id 'events:left' is declared twice").
        var payload = new TestStreamPayload { CoderId = "kv_str_varint" };
        payload.Events.Add([Add("left", ("a", 1, 1)), Watermark(10_000, "left"), Watermark(10_000, "right")]);
        var p = new TestPipeline();
        p.Transform("events", "beam:transform:teststream:v1", "", [], [("left", p.PCollection("events.left", "kv_str_varint")), ("right", p.PCollection("events.right", "kv_str_varint"))], payload.ToByteString());
        p.ParDo("sink", p.GroupByKey("events:left", "events.left"));
        p.ParDo("sink_right", "events.right");

        var graph = PipelineFuser.Fuse(p.Build()).BuildEngineGraph();

        Assert.Equal(
            ["events:left_2 ExternalInput -> events.left", "events:right ExternalInput -> events.right", "events:left GroupByKey events.left -> events:left.out"],
            graph.Stages.Where(static s => s.Kind is not Engine.StageKind.Sdk).Select(static s => $"{s.Id} {s.Kind} {string.Join(",", s.Inputs)}-> {string.Join(",", s.Outputs)}".Replace(" ->", "->", StringComparison.Ordinal).Replace("-> ", " -> ", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_transcoding_stage_keeps_apart_from_a_TestStream_output_stage_of_the_same_name()
    {
        // The Flatten "x:left" of a TestStream output (runner-side: it gets a transcoding stage "transcode1_x:left")
        // beside a TestStream "transcode1_x" whose output "left" is the stage "transcode1_x:left".
        var payload = new TestStreamPayload { CoderId = "kv_str_varint" };
        payload.Events.Add([Watermark(10_000, "left"), Watermark(10_000, "right")]);
        var p = new TestPipeline();
        p.Transform("transcode1_x", "beam:transform:teststream:v1", "", [], [("left", p.PCollection("t.left", "kv_str_varint")), ("right", p.PCollection("t.right", "kv_str_varint"))], payload.ToByteString());
        p.ParDo("sink", p.Flatten("x:left", "opaque", "t.left", "t.right"));

        var graph = PipelineFuser.Fuse(p.Build()).BuildEngineGraph();

        Assert.Equal(
            ["transcode1_x:left ExternalInput", "transcode1_x:right ExternalInput", "transcode1_x:left_2 Sdk", "transcode2_x:left Sdk"],
            graph.Stages.Where(static s => s.Kind is Engine.StageKind.ExternalInput || s.Id.Value.StartsWith("transcode", StringComparison.Ordinal)).Select(static s => $"{s.Id} {s.Kind}"));
    }

    [Fact]
    public void An_output_declared_in_windows_other_than_the_global_one_is_refused()
    {
        var payload = new TestStreamPayload { CoderId = "kv_str_varint" };
        payload.Events.Add([Watermark(10_000, "out")]);
        var pipeline = WithTestStream(payload, "out");
        pipeline.Components.Pcollections["events.out"].WindowingStrategyId = "sessions";

        Assert.Equal(
            ["events: teststream output 'out': output 'out' (PCollection 'events.out') has windowing strategy 'sessions' with beam:window_fn:session_windows:v1: TestStream elements are in the global window (apply WindowInto after the TestStream)"],
            PipelineValidator.Validate(pipeline).Select(static p => p.ToString()));
    }
}
