using BeamConformance.Conformance.Scenarios;
using BeamConformance.Model;

namespace BeamConformance.Conformance.Tests.Scenarios;

/// <summary>Format version 2: the TestStream transform and its events, loaded strictly.</summary>
public sealed class TestStreamLoaderTests
{
    // Line numbers below refer to this text (line 1 = "format: 2").
    private const string Valid = """
        format: 2
        id: area/behaviour
        description: A TestStream scenario.
        spec: beam:transform:teststream:v1
        features: [UsesTestStream]
        pipeline:
          pcollections:
            main: {coder: "kv<string_utf8,varint>", bounded: false}
            side: {coder: "kv<string_utf8,varint>", bounded: false}
          transforms:
            - name: Events
              urn: "beam:transform:teststream:v1"
              outputs: {main: main, side: side}
              payload:
                events:
                  - {add_elements: {tag: main, elements: [{value: [a, 1], timestamp_ms: 5}]}}
                  - {advance_watermark: {tag: main, new_watermark_ms: 1000}}
                  - {advance_processing_time: {advance_ms: 500}}
                  - {add_elements: {tag: side, elements: [{value: [b, 2], timestamp_ms: -3}]}}
                  - {advance_watermark: {tag: side, new_watermark_ms: max_timestamp}}
            - {name: Out, urn: "beamconformance:transform:capture:v1", inputs: [main]}
            - {name: Side, urn: "beamconformance:transform:capture:v1", inputs: [side]}
        expect:
          outputs:
            Out: []
            Side: []
        """;

    [Fact]
    public void Events_load_typed_in_order()
    {
        var s = ScenarioLoader.Load(Valid, "t.yaml");

        Assert.Equal(2, s.FormatVersion);
        var ts = Assert.IsType<TransformPayload.TestStream>(s.Pipeline.Transforms[0].Payload);
        Assert.Collection(
            ts.Events,
            e => Assert.Equal(new ElementSpec(new KV("a", 1L), 5), Assert.Single(Assert.IsType<TestStreamEvent.AddElements>(e).Elements)),
            e => Assert.Equal(new TestStreamEvent.AdvanceWatermark("main", 1000), e),
            e => Assert.Equal(new TestStreamEvent.AdvanceProcessingTime(500), e),
            e => Assert.Equal("side", e.Tag),
            e => Assert.Equal(new TestStreamEvent.AdvanceWatermark("side", BeamTime.MaxTimestampMillis), e));
    }

    [Fact]
    public void The_tag_may_be_left_out_when_there_is_one_output()
    {
        var text = Valid.Replace("outputs: {main: main, side: side}", "outputs: {main: main}", StringComparison.Ordinal)
            .Replace("tag: side, ", "", StringComparison.Ordinal).Replace("tag: main, ", "", StringComparison.Ordinal)
            .Replace("    - {name: Side, urn: \"beamconformance:transform:capture:v1\", inputs: [side]}\n", "", StringComparison.Ordinal)
            .Replace("    Side: []\n", "", StringComparison.Ordinal).Replace("Side: []", "", StringComparison.Ordinal);

        var s = ScenarioLoader.Load(text, "t.yaml");

        Assert.All(((TransformPayload.TestStream)s.Pipeline.Transforms[0].Payload).Events.Where(e => e is not TestStreamEvent.AdvanceProcessingTime),
            e => Assert.Equal("main", e.Tag));
    }

    [Theory]
    // A version-1 file (no format key) may not use the TestStream.
    [InlineData("format: 2\n", "", "t.yaml:10:7: key 'urn': transform 'Events': beam:transform:teststream:v1 needs format version 2")]
    // A format version this build does not read.
    [InlineData("format: 2", "format: 3", "t.yaml:1:9: key 'format': format version 3 is not one this build reads (1 to 2)")]
    // A watermark that goes back on one tag.
    [InlineData("tag: side, new_watermark_ms: max_timestamp", "tag: main, new_watermark_ms: 999", "key 'events': transform 'Events': event 4 moves the watermark of 'main' back from 1000 to 999 ms")]
    // An event naming an output the transform does not have.
    [InlineData("tag: side, elements", "tag: nope, elements", "event 3 names output tag 'nope', not one of the outputs (main, side)")]
    // Without a tag when there are several outputs.
    [InlineData("tag: main, elements", "elements", "t.yaml:16:28: key 'tag': required when the TestStream has several outputs (main, side)")]
    // An element without its timestamp.
    [InlineData("{value: [a, 1], timestamp_ms: 5}", "{value: [a, 1]}", "key 'timestamp_ms': a TestStream element needs its timestamp_ms")]
    // Processing time only moves forward.
    [InlineData("advance_ms: 500", "advance_ms: -1", "key 'events': transform 'Events': event 2 advances processing time by -1 ms (must be >= 0)")]
    // Outputs with different coders (the payload has one coder_id).
    [InlineData("side: {coder: \"kv<string_utf8,varint>\"", "side: {coder: \"kv<string_utf8,bytes>\"", "every output of a TestStream has the same coder")]
    // A bounded output.
    [InlineData("main: {coder: \"kv<string_utf8,varint>\", bounded: false}", "main: {coder: \"kv<string_utf8,varint>\"}", "a TestStream's output 'main' is UNBOUNDED (declare it with bounded: false)")]
    // An unknown event kind.
    [InlineData("advance_processing_time: {advance_ms: 500}", "advance_clock: {advance_ms: 500}", "key 'advance_clock': unknown")]
    public void Malformed_teststream_is_an_error_naming_file_line_and_key(string find, string replace, string expected)
    {
        Assert.Contains(find, Valid, StringComparison.Ordinal);
        var text = Valid.Replace(find, replace, StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioFormatException>(() => ScenarioLoader.Load(text, "t.yaml"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scenario_expecting_rejection_at_prepare_may_carry_a_bad_script()
    {
        var text = Valid.Replace("tag: side, new_watermark_ms: max_timestamp", "tag: main, new_watermark_ms: 999", StringComparison.Ordinal)
            .Replace("expect:\n  outputs:\n    Out: []\n    Side: []", "expect:\n  failure: {phase: prepare, status: INVALID_ARGUMENT}", StringComparison.Ordinal);

        var s = ScenarioLoader.Load(text, "t.yaml");

        Assert.Equal(FailurePhase.Prepare, s.Expect.Failure!.Phase);
    }
}
