using BeamConformance.Conformance.Scenarios;
using BeamConformance.Model;
using BeamConformance.Model.Windows;

namespace BeamConformance.Conformance.Tests.Scenarios;

public sealed class ScenarioLoaderTests
{
    // Line numbers below refer to this text (line 1 = "id: ...").
    private const string Valid = """
        id: area/behaviour
        description: A valid scenario.
        spec: beam:transform:group_by_key:v1
        features: [UsesGroupByKey]
        pipeline:
          windowing_strategies:
            fixed: {window_fn: {fixed: {size_ms: 1000}}}
          pcollections:
            impulse: {coder: bytes}
            pairs: {coder: "kv<string_utf8, varint>", windowing: fixed}
          transforms:
            - {name: Impulse, urn: "beam:transform:impulse:v1", outputs: {out: impulse}}
            - name: Create
              urn: beamconformance:transform:create:v1
              inputs: [impulse]
              outputs: {out: pairs}
              payload: {elements: [{value: [a, 1], timestamp_ms: 5}]}
            - {name: Out, urn: "beamconformance:transform:capture:v1", inputs: [pairs]}
        expect:
          outputs:
            Out:
              - window: {start_ms: 0, end_ms: 1000}
                pane: {timing: ON_TIME, first: true}
                timestamp_ms: end_of_global_window
                values: [[a, 1]]
        """;

    [Fact]
    public void Valid_scenario_loads_typed()
    {
        var s = ScenarioLoader.Load(Valid, "t.yaml");

        Assert.Equal("area/behaviour", s.Id.Value);
        Assert.Equal("area", s.Area);
        Assert.Equal(["UsesGroupByKey"], s.Features);
        Assert.Equal(new BeamConformance.Model.Windowing.WindowFn.Fixed(1000, 0), s.Pipeline.WindowingStrategies["fixed"].WindowFn);
        Assert.Equal(CoderSpec.Parse("kv<string_utf8,varint>"), s.Pipeline.PCollections["pairs"].Coder);
        var create = Assert.IsType<TransformPayload.Create>(s.Pipeline.Transforms[1].Payload);
        Assert.Equal(new ElementSpec(new KV("a", 1L), 5), Assert.Single(create.Elements));
        var pane = Assert.Single(s.Expect.Outputs["Out"]);
        Assert.Equal(new IntervalWindow(0, 1000), pane.Window);
        Assert.Equal(new ExpectedPaneInfo(PaneTiming.OnTime, null, null, true, null), pane.Pane);
        Assert.Equal(BeamTime.EndOfGlobalWindowMillis, pane.TimestampMillis);
        Assert.Equal(new KV("a", 1L), Assert.Single(pane.Elements!).Value);
    }

    [Fact]
    public void Pipeline_options_are_typed_as_yaml_writes_them()
    {
        var s = ScenarioLoader.Load(Valid.Replace("features: [UsesGroupByKey]\n", "features: [UsesGroupByKey]\npipeline_options: {a: true, b: 7, c: \"7\", d: x, e: 0.5}\n", StringComparison.Ordinal), "t.yaml");

        Assert.Equal(new Dictionary<string, object> { ["a"] = true, ["b"] = 7.0, ["c"] = "7", ["d"] = "x", ["e"] = 0.5 }, s.PipelineOptions);
        Assert.Empty(ScenarioLoader.Load(Valid, "t.yaml").PipelineOptions);
    }

    [Theory]
    // An unknown top-level key names itself, its line and column.
    [InlineData("spec: beam:transform:group_by_key:v1", "spec: x\nspek: y", "t.yaml:4:1: key 'spek': unknown key in scenario")]
    // An unknown key inside a nested mapping.
    [InlineData("impulse: {coder: bytes}", "impulse: {coder: bytes, codr: x}", "t.yaml:9:29: key 'codr': unknown key in pcollection")]
    // A missing required key.
    [InlineData("description: A valid scenario.\n", "", "key 'description': required key is missing")]
    // A value of the wrong type: a string where an integer is required.
    [InlineData("size_ms: 1000", "size_ms: big", "t.yaml:7:42: key 'size_ms': expected an integer, got the scalar 'big'")]
    // A coder outside the grammar.
    [InlineData("string_utf8, varint", "string, varint", "key 'coder': unknown coder 'string'")]
    // An element value not typed by the coder (kv needs two items).
    [InlineData("value: [a, 1]", "value: [a]", "key 'value': a kv<string_utf8,varint> value is a two-item list [key, value], got 1 items")]
    // An unknown transform URN without opaque: true.
    [InlineData("urn: beamconformance:transform:create:v1", "urn: beamconformance:transform:creat:v1", "key 'urn': unknown transform URN 'beamconformance:transform:creat:v1'")]
    // A dangling PCollection reference.
    [InlineData("inputs: [pairs]", "inputs: [pears]", "transform 'Out': unknown PCollection 'pears'")]
    // A reserved key for later format versions.
    [InlineData("inputs: [pairs]}", "inputs: [pairs], state: {}}", "key 'state': reserved for a later format version")]
    // An unknown pane timing name.
    [InlineData("timing: ON_TIME", "timing: ONTIME", "key 'timing': 'ONTIME' is not one of: EARLY, ON_TIME, LATE, UNKNOWN")]
    // A union with two variants.
    [InlineData("{fixed: {size_ms: 1000}}", "{fixed: {size_ms: 1000}, global: {}}", "a window_fn is a mapping with exactly one key")]
    // Expected output for a sink that is not a capture transform.
    [InlineData("    Out:\n", "    Create: []\n    Out:\n", "key 'Create': not a capture transform of the pipeline (captures: Out)")]
    // A redefined global windowing strategy.
    [InlineData("    fixed: {window", "    global: {window_fn: global}\n    fixed: {window", "key 'global': the global windowing strategy is predefined")]
    // A payload key the URN does not take.
    [InlineData("payload: {elements", "payload: {fn: {add: 1}, elements", "key 'fn': not a payload key of beamconformance:transform:create:v1")]
    // An id that does not match its file path is checked by LoadFile's expectedId (see below); a malformed id here.
    [InlineData("id: area/behaviour", "id: Area/Behaviour", "key 'id': 'Area/Behaviour' is not <area>/<behaviour>")]
    public void Malformed_scenario_is_an_error_naming_file_line_and_key(string find, string replace, string expected)
    {
        Assert.Contains(find, Valid, StringComparison.Ordinal);
        var text = Valid.Replace(find, replace, StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioFormatException>(() => ScenarioLoader.Load(text, "t.yaml"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Id_must_match_the_path()
    {
        var error = Assert.Throws<ScenarioFormatException>(() => ScenarioLoader.Load(Valid, "t.yaml", new ScenarioId("area/other")));

        Assert.Equal("t.yaml:1:5: key 'id': 'area/behaviour' does not match the file's path (expected 'area/other')", error.Message);
    }

    [Fact]
    public void Prepare_failure_scenarios_may_reference_missing_pcollections()
    {
        var text = Valid.Replace("inputs: [pairs]}", "inputs: [missing]}", StringComparison.Ordinal)
            .Replace("expect:\n  outputs:\n    Out:\n", "expect:\n  failure: {phase: prepare, status: INVALID_ARGUMENT}\n  x:\n    Out:\n", StringComparison.Ordinal);
        text = text[..text.IndexOf("  x:", StringComparison.Ordinal)];

        var s = ScenarioLoader.Load(text, "t.yaml");

        Assert.Equal(new ExpectedFailure(FailurePhase.Prepare, "INVALID_ARGUMENT", null, []) with { MessageContains = s.Expect.Failure!.MessageContains }, s.Expect.Failure);
        Assert.Equal(["missing"], s.Pipeline.Transforms[2].Inputs);
    }

    // A test SDF reading a side input (sdf/side_*): the side input it reads is named in its payload.
    private const string SdfWithSide = """
        id: sdf/side
        description: The test SDF reads a side input.
        spec: beam_runner_api.proto ParDoPayload.side_inputs
        features: [UsesBoundedSplittableParDo, UsesSideInputs]
        pipeline:
          pcollections:
            impulse: {coder: bytes}
            sizes: {coder: varint}
            out: {coder: "kv<kv<varint,varint>,iterable<varint>>"}
          transforms:
            - {name: Impulse, urn: "beam:transform:impulse:v1", outputs: {out: impulse}}
            - {name: Create, urn: "beamconformance:transform:create:v1", inputs: [impulse], outputs: {out: sizes}, payload: {values: [2]}}
            - name: Sdf
              urn: beamconformance:transform:offset_range_sdf:v1
              inputs: [sizes]
              side_inputs: {s: {pcollection: sizes, view: iterable}}
              outputs: {out: out}
              payload: {restriction: {identity: {}}, side_input: s}
            - {name: Out, urn: "beamconformance:transform:capture:v1", inputs: [out]}
        """;

    [Fact]
    public void The_test_sdf_takes_side_inputs()
    {
        var sdf = ScenarioLoader.Load(SdfWithSide, "t.yaml").Pipeline.Transforms[2];

        Assert.Equal("sizes", Assert.Single(sdf.SideInputs).Value.PCollection);
    }

    [Theory]
    // Side inputs but no side_input naming the one Process reads.
    [InlineData(", side_input: s}", "}", "key 'side_input': the test SDF's side_input must name one of its side_inputs (s)")]
    // A side_input that is not among the side inputs.
    [InlineData("side_input: s}", "side_input: t}", "key 'side_input': the test SDF's side_input must name one of its side_inputs (s)")]
    // A side_input without side inputs.
    [InlineData("      side_inputs: {s: {pcollection: sizes, view: iterable}}\n", "", "key 'side_input': the test SDF's side_input must name one of its side_inputs ()")]
    // Side inputs on a transform that reads none.
    [InlineData("payload: {values: [2]}}", "side_inputs: {s: {pcollection: sizes, view: iterable}}, payload: {values: [2]}}", "key 'side_inputs': only beamconformance:transform:read_side_inputs:v1, beamconformance:transform:offset_range_sdf:v1, beamconformance:transform:timers:v1 and beamconformance:transform:misanswer:v1 take side inputs")]
    // A restriction that reads a side input the SDF does not name.
    [InlineData("      side_inputs: {s: {pcollection: sizes, view: iterable}}\n      outputs: {out: out}\n      payload: {restriction: {identity: {}}, side_input: s}", "      outputs: {out: out}\n      payload: {restriction: {identity: {}}, restriction_reads_side_input: true}", "key 'restriction_reads_side_input': needs side_input")]
    public void A_test_sdf_side_input_must_be_one_of_its_side_inputs(string find, string replace, string expected)
    {
        Assert.Contains(find, SdfWithSide, StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioFormatException>(() => ScenarioLoader.Load(SdfWithSide.Replace(find, replace, StringComparison.Ordinal), "t.yaml"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
