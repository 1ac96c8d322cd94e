using BeamConformance.Conformance.Scenarios;

namespace BeamConformance.Conformance.Tests.Scenarios;

/// <summary>
/// Served TestStreams (<c>served: true</c>, testdata/README.md "Served TestStream events"): the keys and the fault
/// vocabulary (raw_hex elements, empty events, advances that are not positive, timestamps outside Beam's range),
/// allowed only in a served TestStream whose scenario expects a failure at run.
/// </summary>
public sealed class ServedTestStreamLoaderTests
{
    // A served TestStream that sends every fault the vocabulary has; line 1 = "format: 2".
    private const string Faulty = """
        format: 2
        id: area/behaviour
        description: A served TestStream scenario.
        spec: beam:transform:teststream:v1
        features: [UsesTestStream, UsesTestStreamService]
        pipeline:
          pcollections:
            nums: {coder: varint, bounded: false}
          transforms:
            - name: Events
              urn: "beam:transform:teststream:v1"
              outputs: {out: nums}
              payload:
                served: true
                fail_after: 3
                events:
                  - {add_elements: {elements: [{raw_hex: "ff01", timestamp_ms: 5}, {value: 7, timestamp_ms: 9223372036854776}]}}
                  - {empty: {}}
                  - {advance_processing_time: {advance_ms: -5}}
                  - {advance_watermark: {tag: nope, new_watermark_ms: 10}}
            - {name: Out, urn: "beamconformance:transform:capture:v1", inputs: [nums]}
        expect:
          failure: {phase: run, message_contains: [Events]}
        """;

    [Fact]
    public void A_served_teststream_expecting_a_run_failure_may_send_every_fault()
    {
        var s = ScenarioLoader.Load(Faulty, "t.yaml");

        var ts = Assert.IsType<TransformPayload.TestStream>(s.Pipeline.Transforms[0].Payload);
        Assert.True(ts.Served);
        Assert.Equal(3, ts.FailAfter);
        Assert.Null(ts.EndpointOverride);
        Assert.Collection(
            ts.Events,
            e => Assert.Collection(
                Assert.IsType<TestStreamEvent.AddElements>(e).Elements,
                x => Assert.Equal([0xff, 0x01], Assert.IsType<RawEncodedElement>(x.Value).Bytes),
                x => Assert.Equal(new ElementSpec(7L, 9223372036854776), x)),
            e => Assert.IsType<TestStreamEvent.Empty>(e),
            e => Assert.Equal(new TestStreamEvent.AdvanceProcessingTime(-5), e),
            e => Assert.Equal(new TestStreamEvent.AdvanceWatermark("nope", 10), e));
    }

    [Theory]
    // Not served: the faults are refused, naming the event.
    [InlineData("        served: true\n        fail_after: 3\n", "", "key 'events': transform 'Events': event 0 has a raw_hex element: only a served TestStream (served: true) whose scenario expects a failure at run may send it")]
    // Served, but the scenario expects outputs: the faults are refused too.
    [InlineData("failure: {phase: run, message_contains: [Events]}", "outputs: {Out: []}", "key 'events': transform 'Events': event 0 has a raw_hex element")]
    // fail_after and endpoint_override only with served: true.
    [InlineData("        served: true\n        fail_after: 3\n", "        fail_after: 3\n", "key 'fail_after': transform 'Events': only a served TestStream (served: true) takes this key")]
    [InlineData("        served: true\n        fail_after: 3\n", "        endpoint_override: nowhere\n", "key 'endpoint_override': transform 'Events': only a served TestStream (served: true) takes this key")]
    // A count of events is not negative.
    [InlineData("fail_after: 3", "fail_after: -1", "t.yaml:15:21: key 'fail_after': -1 is not a count of events (0 or more)")]
    // An element has value or raw_hex, not both; raw_hex is lower-case hex bytes.
    [InlineData("{raw_hex: \"ff01\", timestamp_ms: 5}", "{raw_hex: \"ff01\", value: 1, timestamp_ms: 5}", "key 'raw_hex': an element has value or raw_hex, not both")]
    [InlineData("{raw_hex: \"ff01\", timestamp_ms: 5}", "{raw_hex: \"FF\", timestamp_ms: 5}", "key 'raw_hex': 'FF' is not lower-case hex bytes")]
    // The empty event takes no keys.
    [InlineData("{empty: {}}", "{empty: {why: 1}}", "key 'why'")]
    public void Faults_outside_a_served_run_failure_are_errors(string find, string replace, string expected)
    {
        Assert.Contains(find, Faulty, StringComparison.Ordinal);
        var text = Faulty.Replace(find, replace, StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioFormatException>(() => ScenarioLoader.Load(text, "t.yaml"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    // Each fault alone, in a TestStream that is not served, is refused naming the event and what is wrong.
    [InlineData("{empty: {}}", "event 0 has no case set")]
    [InlineData("{advance_processing_time: {advance_ms: -5}}", "event 0 advances processing time by -5 ms (must be >= 0)")]
    [InlineData("{add_elements: {elements: [{value: 1, timestamp_ms: 9223372036854776}]}}", "event 0 has an element timestamp outside Beam's range")]
    [InlineData("{add_elements: {elements: [{value: 1, timestamp_ms: -9223372036854776}]}}", "event 0 has an element timestamp outside Beam's range")]
    public void Each_fault_needs_a_served_run_failure(string e, string expected)
    {
        var lines = Faulty.Split('\n');
        var first = Array.FindIndex(lines, l => l.Contains("{raw_hex", StringComparison.Ordinal));
        var text = string.Join('\n', lines.Where((l, i) => !l.Contains("served: true", StringComparison.Ordinal) && !l.Contains("fail_after", StringComparison.Ordinal)
            && (i <= first || i > first + 3)).Select((l, i) => l.Contains("{raw_hex", StringComparison.Ordinal) ? "          - " + e : l));

        var error = Assert.Throws<ScenarioFormatException>(() => ScenarioLoader.Load(text, "t.yaml"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_hex_is_refused_in_a_create()
    {
        const string text = """
            format: 2
            id: area/behaviour
            description: A create with encoded bytes.
            spec: beam:transform:impulse:v1
            features: [UsesImpulse]
            pipeline:
              pcollections:
                nums: {coder: varint}
              transforms:
                - {name: Make, urn: "beamconformance:transform:create:v1", outputs: {out: nums}, payload: {elements: [{raw_hex: "01"}]}}
                - {name: Out, urn: "beamconformance:transform:capture:v1", inputs: [nums]}
            expect:
              outputs: {Out: []}
            """;

        var error = Assert.Throws<ScenarioFormatException>(() => ScenarioLoader.Load(text, "t.yaml"));

        Assert.Contains("key 'raw_hex': raw_hex (encoded bytes) is only for the elements of a TestStream", error.Message, StringComparison.Ordinal);
    }
}
