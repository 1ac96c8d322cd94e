using Org.Apache.Beam.Model.JobManagement.V1;
using Org.Apache.Beam.Model.Pipeline.V1;
using static BeamConformance.ReferenceRunner.Tests.TestStreams.Events;

namespace BeamConformance.ReferenceRunner.Tests.TestStreams;

/// <summary>
/// TestStream end to end: Prepare and Run over the job port, the real executor and engine, the FakeHarness running
/// WindowInto and the capture sinks. Each expectation is the exact pane list (value, timestamp, window, pane info).
/// </summary>
public sealed class TestStreamJobTests : IAsyncLifetime
{
    private StreamingJob _job = null!;

    public async ValueTask InitializeAsync() => _job = await StreamingJob.StartAsync();

    public async ValueTask DisposeAsync() => await _job.DisposeAsync();

    [Fact]
    public async Task Watermark_at_the_max_timestamp_does_not_fire_and_one_ms_past_does_and_later_data_is_dropped()
    {
        var p = _job.NewPipeline();
        var source = p.TestStream("events",
        [
            Add(("a", 1, 1000)),
            Watermark(9999),
            Add(("a", 2, 2000)),
            Watermark(10_000),
            Add(("a", 3, 3000)),
            Add(("a", 4, 12_000)),
        ]);
        p.Capture("grouped", p.GroupByKey("group", p.WindowInto("window", source["out"], p.Fixed10(0))));

        var outcome = await _job.RunAsync(p);

        Assert.True(outcome.State == JobState.Types.Enum.Done, outcome.ToString());
        Assert.Equal(
        [
            "grouped a=[1,2] @9999 [0,10000) Pane(OnTime, index=0, onTimeIndex=0, first, last)",
            "grouped a=[4] @19999 [10000,20000) Pane(OnTime, index=0, onTimeIndex=0, first, last)",
        ], outcome.Captures);
    }

    [Fact]
    public async Task Within_the_allowed_lateness_late_data_fires_LATE_panes_and_past_it_is_dropped()
    {
        var p = _job.NewPipeline();
        var source = p.TestStream("events",
        [
            Add(("a", 1, 1000), ("a", 2, 2000)),
            Watermark(10_000),
            Add(("a", 3, 3000)),
            Watermark(10_999),
            Add(("a", 4, 4000)),
            Watermark(11_000),
            Add(("a", 5, 5000)),
        ]);
        p.Capture("grouped", p.GroupByKey("group", p.WindowInto("window", source["out"], p.Fixed10(1000))));

        var outcome = await _job.RunAsync(p);

        Assert.True(outcome.State == JobState.Types.Enum.Done, outcome.ToString());
        Assert.Equal(
        [
            "grouped a=[1,2] @9999 [0,10000) Pane(OnTime, index=0, onTimeIndex=0, first)",
            "grouped a=[3] @9999 [0,10000) Pane(Late, index=1, onTimeIndex=1)",
            "grouped a=[4] @9999 [0,10000) Pane(Late, index=2, onTimeIndex=2)",
        ], outcome.Captures);
    }

    [Fact]
    public async Task Several_output_tags_get_their_own_elements_and_their_own_watermarks()
    {
        var p = _job.NewPipeline();
        var source = p.TestStream("events",
        [
            Add("left", ("a", 1, 1000)),
            Add("right", ("b", 2, 1000)),
            Watermark(10_000, "left"),
            Add("right", ("b", 3, 2000)),
            Add("left", ("a", 4, 3000)),
        ], tags: ["left", "right"]);
        p.Capture("left", p.GroupByKey("group_left", p.WindowInto("window_left", source["left"], p.Fixed10(0))));
        p.Capture("right", p.GroupByKey("group_right", p.WindowInto("window_right", source["right"], p.Fixed10(0))));

        var outcome = await _job.RunAsync(p);

        // 'left' fired at its watermark 10000 and dropped the later a=4; 'right' stayed at the minimum until the end.
        Assert.True(outcome.State == JobState.Types.Enum.Done, outcome.ToString());
        Assert.Equal(
        [
            "left a=[1] @9999 [0,10000) Pane(OnTime, index=0, onTimeIndex=0, first, last)",
            "right b=[2,3] @9999 [0,10000) Pane(OnTime, index=0, onTimeIndex=0, first, last)",
        ], outcome.Captures.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Several_TestStreams_take_turns_one_event_each_in_transform_id_order()
    {
        var p = _job.NewPipeline();
        // Turns: s1#0, s2#0, s1#1, s2#1 (both at 10000: the window fires with 1 and 2), s1#2 (late: dropped), then each ends.
        // Stream by stream instead (all of s1, then s2) would have kept 3: s2's watermark holds the Flatten back.
        var s2 = p.TestStream("s2", [Add(("a", 2, 1500)), Watermark(10_000)]);
        var s1 = p.TestStream("s1", [Add(("a", 1, 1000)), Watermark(10_000), Add(("a", 3, 2000))]);
        var both = p.Flatten("both", s1["out"], s2["out"]);
        p.Capture("grouped", p.GroupByKey("group", p.WindowInto("window", both, p.Fixed10(0))));

        var outcome = await _job.RunAsync(p);

        Assert.True(outcome.State == JobState.Types.Enum.Done, outcome.ToString());
        Assert.Equal(["grouped a=[1,2] @9999 [0,10000) Pane(OnTime, index=0, onTimeIndex=0, first, last)"], outcome.Captures);
    }

    [Fact]
    public async Task Elements_keep_their_timestamps_in_the_global_window_with_no_firing()
    {
        var p = _job.NewPipeline();
        var source = p.TestStream("events", [Add(("a", 1, -5)), ProcessingTime(60_000), Add(("b", 2, 1_700_000_000_000))]);
        p.Capture("raw", source["out"]);

        var outcome = await _job.RunAsync(p);

        Assert.True(outcome.State == JobState.Types.Enum.Done, outcome.ToString());
        Assert.Equal(
        [
            "raw a=1 @-5 GlobalWindow Pane(Unknown, index=0, onTimeIndex=0, first, last)",
            "raw b=2 @1700000000000 GlobalWindow Pane(Unknown, index=0, onTimeIndex=0, first, last)",
        ], outcome.Captures);
        Assert.Contains("execution mode: streaming (transform 'events' is a TestStream)", outcome.Messages);
    }

    [Fact]
    public async Task Events_streamed_from_a_TestStreamService_endpoint_are_applied_like_scripted_ones()
    {
        await using var service = new EventsServer(
        [
            Add("left", ("a", 1, 1000), ("a", 2, 2000)),
            Watermark(10_000, "left"),
            Add("left", ("a", 3, 3000)),
            Add("right", ("b", 4, 4000)),
        ]);
        await service.StartAsync();
        var p = _job.NewPipeline();
        var source = p.TestStream("events", [], tags: ["left", "right"], endpoint: service.Endpoint);
        p.Capture("left", p.GroupByKey("group_left", p.WindowInto("window_left", source["left"], p.Fixed10(0))));
        p.Capture("right", source["right"]);

        var outcome = await _job.RunAsync(p);

        Assert.True(outcome.State == JobState.Types.Enum.Done, outcome.ToString());
        Assert.Equal(
        [
            "left a=[1,2] @9999 [0,10000) Pane(OnTime, index=0, onTimeIndex=0, first, last)",
            "right b=4 @4000 GlobalWindow Pane(Unknown, index=0, onTimeIndex=0, first, last)",
        ], outcome.Captures.Order(StringComparer.Ordinal));
        Assert.Equal(["left,right"], service.Requests.Select(static r => string.Join(",", r)));
    }

    [Fact]
    public async Task A_TestStreamService_that_fails_fails_the_job_naming_the_stream_the_event_and_the_status()
    {
        await using var service = new EventsServer([Add(("a", 1, 1000))]) { FailWith = new Grpc.Core.Status(Grpc.Core.StatusCode.Unavailable, "events ran dry") };
        await service.StartAsync();
        var p = _job.NewPipeline();
        p.Capture("raw", p.TestStream("events", [], endpoint: service.Endpoint)["out"]);

        var outcome = await _job.RunAsync(p);

        Assert.True(outcome.State == JobState.Types.Enum.Failed, outcome.ToString());
        Assert.Contains($"TestStream 'events': reading event 1 from TestStreamService at {service.Endpoint} failed: Unavailable events ran dry", outcome.Messages);
    }

    [Fact]
    public async Task A_streamed_watermark_going_back_fails_the_job_with_both_watermarks()
    {
        await using var service = new EventsServer([Watermark(5000), Watermark(4000)]);
        await service.StartAsync();
        var p = _job.NewPipeline();
        p.Capture("raw", p.TestStream("events", [], endpoint: service.Endpoint)["out"]);

        var outcome = await _job.RunAsync(p);

        Assert.True(outcome.State == JobState.Types.Enum.Failed, outcome.ToString());
        Assert.Contains(
            $"TestStream 'events': event 1 from TestStreamService at {service.Endpoint}: the watermark of tag 'out' goes back from 1970-01-01T00:00:05.000Z to 1970-01-01T00:00:04.000Z",
            outcome.Messages);
    }

    [Fact]
    public async Task Processing_time_events_move_the_virtual_clock_and_fire_processing_time_triggers_exactly_there()
    {
        var p = _job.NewPipeline();
        // Virtual processing time starts at 0: a1 and a2 arrive at 0, the first pane is due at 5000.
        var source = p.TestStream("events",
        [
            Add(("a", 1, 1000)),
            Add(("a", 2, 2000)),
            ProcessingTime(4999),
            Add(("b", 9, 2500), ("a", 5, 2700)),
            ProcessingTime(1),
            Add(("a", 3, 3000), ("b", 8, 2600)),
            ProcessingTime(5000),
        ]);
        p.Capture("grouped", p.GroupByKey("group", p.WindowInto("window", source["out"], p.GlobalEvery(5000))));

        var outcome = await _job.RunAsync(p);

        // a1, a2 arrived at 0: a's pane at 5000, not at 4999 (a5, added at 4999, is in it). b9 arrived at 4999: b's pane at
        // 9999, not at 5000 with a's (b8, added at 5000, is in it). a3 arrived at 5000: a's next pane at 10000. Every pane is EARLY, stamped at the global window's end; at the end the watermark's ON_TIME pane comes
        // even empty (ON_TIME behavior FIRE_ALWAYS) and is the last (allowed lateness 0).
        Assert.True(outcome.State == JobState.Types.Enum.Done, outcome.ToString());
        Assert.Equal(
        [
            "grouped a=[1,2,5] @9223371950454775 GlobalWindow Pane(Early, index=0, onTimeIndex=-1, first)",
            "grouped a=[3] @9223371950454775 GlobalWindow Pane(Early, index=1, onTimeIndex=-1)",
            "grouped a=[] @9223371950454775 GlobalWindow Pane(OnTime, index=2, onTimeIndex=0, last)",
            "grouped b=[9,8] @9223371950454775 GlobalWindow Pane(Early, index=0, onTimeIndex=-1, first)",
            "grouped b=[] @9223371950454775 GlobalWindow Pane(OnTime, index=1, onTimeIndex=0, last)",
        ], outcome.Captures.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Elements_in_the_outer_encoding_are_sent_nested_and_an_unknown_coder_is_length_prefixed()
    {
        var p = _job.NewPipeline();
        p.Coder("custom", "beamconformance:coder:custom:blob:v1");
        // string_utf8 outer: the bytes alone; the data plane needs them nested (length first).
        var strings = p.TestStream("strings", [new() { ElementEvent = new() { Elements = { new TestStreamPayload.Types.TimestampedElement { EncodedElement = Google.Protobuf.ByteString.CopyFromUtf8("héllo"), Timestamp = 7 } } } }], coder: "str");
        // An SDK coder the runner does not know: its bytes pass through, length-prefixed on the wire.
        var blobs = p.TestStream("blobs", [new() { ElementEvent = new() { Elements = { new TestStreamPayload.Types.TimestampedElement { EncodedElement = Google.Protobuf.ByteString.CopyFrom(2, 0xca, 0xfe), Timestamp = 8 } } } }], coder: "custom");
        p.Capture("got_strings", strings["out"]);
        p.Capture("got_blobs", blobs["out"]);

        var outcome = await _job.RunAsync(p);

        Assert.True(outcome.State == JobState.Types.Enum.Done, outcome.ToString());
        Assert.Equal(
        [
            "got_blobs 0xcafe @8 GlobalWindow Pane(Unknown, index=0, onTimeIndex=0, first, last)",
            "got_strings héllo @7 GlobalWindow Pane(Unknown, index=0, onTimeIndex=0, first, last)",
        ], outcome.Captures.Order(StringComparer.Ordinal));
    }
}
