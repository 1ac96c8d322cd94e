using BeamConformance.Conformance.Running;
using BeamConformance.Conformance.Scenarios;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.Conformance.Tests.Scenarios;

/// <summary>The transform key <c>pardo_payload</c> (testdata/README.md, "Hostile ParDo payloads"): loading and building.</summary>
public sealed class ParDoPayloadLoaderTests
{
    private const string Valid = """
        id: prepare/behaviour
        description: A hostile ParDoPayload.
        spec: beam_runner_api.proto ParDoPayload
        features: [UsesPrepareValidation]
        pipeline:
          pcollections:
            impulse: {coder: bytes}
            pairs: {coder: "kv<string_utf8,varint>"}
            out: {coder: "kv<string_utf8,varint>"}
          transforms:
            - {name: Impulse, urn: "beam:transform:impulse:v1", outputs: {out: impulse}}
            - name: Timers
              urn: beamconformance:transform:timers:v1
              inputs: [pairs]
              side_inputs: {seen: {pcollection: impulse, view: iterable}}
              outputs: {out: out}
              payload: {on_element: [emit]}
              pardo_payload:
                coders: {t: {urn: "beam:coder:timer:v1", components: [string_utf8, global_window]}}
                state_specs: {s: {kind: map, coders: [varint, dangling], protocol: "beam:made_up:v1"}, e: {kind: none}}
                timer_family_specs: {f: {time_domain: unspecified, coder: t}, g: {time_domain: processing_time, coder: ""}}
                side_inputs: {seen: "", other: "beam:side_input:multimap:v1"}
                restriction_coder_id: varint
                requires_time_sorted_input: true
                on_window_expiration_timer_family_spec: f
        expect:
          failure: {phase: prepare, status: INVALID_ARGUMENT, message_contains: [x]}
        """;

    [Fact]
    public void Every_key_is_read_and_replaces_the_builders_field()
    {
        var scenario = ScenarioLoader.Load(Valid, "t.yaml");
        var o = scenario.Pipeline.Transforms[1].PayloadOverrides!;

        Assert.Null(scenario.Pipeline.Transforms[0].PayloadOverrides);
        Assert.Equal(("map", "beam:made_up:v1"), (o.StateSpecs!["s"].Kind, o.StateSpecs["s"].Protocol));
        Assert.Equal(["varint", "dangling"], o.StateSpecs["s"].Coders);
        Assert.Equal(new TimerFamilyOverride("unspecified", "t"), o.TimerFamilySpecs!["f"]);

        var pipeline = PipelineBuilder.Build(scenario, "r1", "127.0.0.1:5555", Valid);
        var payload = ParDoPayload.Parser.ParseFrom(pipeline.Components.Transforms["Timers"].Spec.Payload);

        Assert.Equal("beam:coder:timer:v1", pipeline.Components.Coders["t"].Spec.Urn);
        Assert.Equal(["string_utf8", "global_window"], pipeline.Components.Coders["t"].ComponentCoderIds);
        // The builder's state (buffer, fired) and families (event, processing) are replaced, not added to.
        Assert.Equal(["e", "s"], payload.StateSpecs.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(StateSpec.SpecOneofCase.None, payload.StateSpecs["e"].SpecCase);
        Assert.Null(payload.StateSpecs["e"].Protocol);
        Assert.Equal("dangling", payload.StateSpecs["s"].MapSpec.ValueCoderId);
        Assert.Equal("beam:made_up:v1", payload.StateSpecs["s"].Protocol.Urn);
        Assert.Equal(["f", "g"], payload.TimerFamilySpecs.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(TimeDomain.Types.Enum.Unspecified, payload.TimerFamilySpecs["f"].TimeDomain);
        Assert.Equal("", payload.TimerFamilySpecs["g"].TimerFamilyCoderId);
        // A side input the builder wrote keeps its view fn; "" leaves the access pattern unset.
        Assert.Null(payload.SideInputs["seen"].AccessPattern);
        Assert.NotNull(payload.SideInputs["seen"].ViewFn);
        Assert.Equal("beam:side_input:multimap:v1", payload.SideInputs["other"].AccessPattern.Urn);
        Assert.Equal(["main", "seen"], pipeline.Components.Transforms["Timers"].Inputs.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("varint", payload.RestrictionCoderId);
        Assert.True(payload.RequiresTimeSortedInput);
        Assert.Equal("f", payload.OnWindowExpirationTimerFamilySpec);
        // The requirements follow the payload after the overrides.
        Assert.Contains(Model.Urns.Requirements.SplittableDoFn, pipeline.Requirements);
        Assert.Contains(Model.Urns.Requirements.TimeSortedInput, pipeline.Requirements);
    }

    [Fact]
    public void Bytes_replace_the_whole_payload_and_add_no_requirement()
    {
        var yaml = Valid[..(Valid.IndexOf("\n        coders:", StringComparison.Ordinal) + 1)]
            + "        bytes: {hex: \"0a\"}\nexpect:\n  failure: {phase: prepare, status: INVALID_ARGUMENT, message_contains: [x]}\n";
        var scenario = ScenarioLoader.Load(yaml, "t.yaml");

        var pipeline = PipelineBuilder.Build(scenario, "r1", "127.0.0.1:5555", yaml);

        Assert.Equal([0x0a], pipeline.Components.Transforms["Timers"].Spec.Payload.ToByteArray());
        Assert.DoesNotContain(Model.Urns.Requirements.StatefulProcessing, pipeline.Requirements);
    }

    [Fact]
    public void Only_our_test_transforms_take_the_key()
    {
        var yaml = Valid[..Valid.IndexOf("    - name: Timers", StringComparison.Ordinal)]
            + "    - {name: G, urn: \"beam:transform:group_by_key:v1\", inputs: [impulse], outputs: {out: out}, pardo_payload: {requires_time_sorted_input: true}}\n"
            + "expect:\n  failure: {phase: prepare, status: INVALID_ARGUMENT, message_contains: [x]}\n";

        var error = Assert.Throws<ScenarioFormatException>(() => ScenarioLoader.Load(yaml, "t.yaml"));

        Assert.Contains("key 'pardo_payload': only our test transforms (beamconformance:transform:*), which are sent as beam:transform:pardo:v1, have a ParDoPayload to override", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("restriction_coder_id: varint", "bytes: {hex: \"0a\"}", "key 'bytes': bytes replaces the whole payload; give no other key with it")]
    [InlineData("kind: none", "kind: list", "key 'kind': 'list' is not one of: bag, read_modify_write")]
    [InlineData("kind: none", "kind: none, coders: [varint]", "key 'coders': a none state spec names 0 coder id(s), got 1")]
    [InlineData("kind: map, coders: [varint, dangling]", "kind: map, coders: [varint]", "key 'coders': a map state spec names 2 coder id(s), got 1")]
    [InlineData("time_domain: unspecified", "time_domain: synchronized", "key 'time_domain': 'synchronized' is not one of: event_time, processing_time, unspecified")]
    [InlineData("time_domain: processing_time, coder: \"\"", "time_domain: processing_time", "key 'coder': required key is missing")]
    [InlineData("requires_time_sorted_input: true", "requires_time_sorted: true", "unknown key in pardo_payload")]
    [InlineData("urn: \"beam:coder:timer:v1\", components", "kind: bag, components", "unknown key in raw_coder")]
    public void Bad_pardo_payloads_are_errors(string find, string replace, string expected)
    {
        Assert.Contains(find, Valid, StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioFormatException>(() => ScenarioLoader.Load(Valid.Replace(find, replace, StringComparison.Ordinal), "t.yaml"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
