using System.Text;
using BeamConformance.Conformance.Running;
using ScenarioId = BeamConformance.Conformance.Scenarios.ScenarioId;
using ScenarioLoader = BeamConformance.Conformance.Scenarios.ScenarioLoader;
using BeamConformance.Conformance.Tests.Scenarios;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.Conformance.Tests.Suite;

/// <summary>The exact Pipeline proto the suite submits for real scenario files (the suite ↔ harness wire contract).</summary>
public sealed class PipelineBuilderTests
{
    private const string Run = "r1";
    private const string Endpoint = "127.0.0.1:5555";

    private static Pipeline Build(string id) =>
        PipelineBuilder.Build(ScenarioLoader.LoadFile(Path.Combine(TestData.ScenariosRoot, id + ".yaml"), new ScenarioId(id)), Run, Endpoint);

    [Theory]
    // Impulse: a runner primitive, no environment, no payload.
    [InlineData("impulse/exact_bytes", "Impulse", "beam:transform:impulse:v1", "", null, null)]
    // create: a ParDo in the harness environment, do_fn = our URN, payload = the YAML payload as JSON plus the run id.
    [InlineData("impulse/exact_bytes", "Create", "beam:transform:pardo:v1", "fakeharness", "beamconformance:transform:create:v1", "{\"values\":[1],\"run\":\"r1\"}")]
    // capture: a ParDo with no outputs and an empty payload plus the run id.
    [InlineData("impulse/exact_bytes", "Out", "beam:transform:pardo:v1", "fakeharness", "beamconformance:transform:capture:v1", "{\"run\":\"r1\"}")]
    // multi_output: nested unions kept as objects, integers as JSON integers.
    [InlineData("pardo/multi_output_routes", "Route", "beam:transform:pardo:v1", "fakeharness", "beamconformance:transform:multi_output:v1",
        "{\"routes\":{\"even\":{\"divisible_by\":2},\"odd\":{\"not\":{\"divisible_by\":2}}},\"run\":\"r1\"}")]
    // kv values as two-item arrays, negative integers exact.
    [InlineData("combine/sum_per_key", "Create", "beam:transform:pardo:v1", "fakeharness", "beamconformance:transform:create:v1",
        "{\"values\":[[\"a\",1],[\"b\",10],[\"a\",2],[\"a\",-4],[\"b\",5]],\"run\":\"r1\"}")]
    // doubles keep a fraction (-2.0 stays a double, never an int64), .inf becomes the string ".inf".
    [InlineData("pardo/doubles_multiply", "Create", "beam:transform:pardo:v1", "fakeharness", "beamconformance:transform:create:v1",
        "{\"values\":[1.5,-2.0,0.0,\".inf\"],\"run\":\"r1\"}")]
    [InlineData("pardo/doubles_multiply", "Scale", "beam:transform:pardo:v1", "fakeharness", "beamconformance:transform:map:v1",
        "{\"fn\":{\"multiply\":-2.0},\"run\":\"r1\"}")]
    // {hex} byte strings kept as objects, quoted and plain strings as strings.
    [InlineData("pardo/bytes_passthrough", "Create", "beam:transform:pardo:v1", "fakeharness", "beamconformance:transform:create:v1",
        "{\"values\":[{\"hex\":\"00\"},{\"hex\":\"ff00ff\"},{\"hex\":\"\"},\"text\"],\"run\":\"r1\"}")]
    // GroupByKey: runner primitive.
    [InlineData("groupbykey/fixed_windows", "GroupByKey", "beam:transform:group_by_key:v1", "", null, null)]
    public void Transform_is_submitted_per_the_contract(string id, string transform, string urn, string environment, string? doFnUrn, string? json)
    {
        var pipeline = Build(id);
        var t = pipeline.Components.Transforms[transform];
        Assert.Equal(urn, t.Spec.Urn);
        Assert.Equal(environment, t.EnvironmentId);
        Assert.Equal(transform, t.UniqueName);
        if (doFnUrn is null)
        {
            Assert.True(t.Spec.Payload.IsEmpty);
            return;
        }

        var pardo = ParDoPayload.Parser.ParseFrom(t.Spec.Payload);
        Assert.Equal(doFnUrn, pardo.DoFn.Urn);
        Assert.Equal(json, Encoding.UTF8.GetString(pardo.DoFn.Payload.Span));
    }

    [Fact]
    public void Environment_is_external_at_the_worker_pool_with_the_harness_capabilities()
    {
        var env = Build("impulse/exact_bytes").Components.Environments["fakeharness"];
        Assert.Equal("beam:env:external:v1", env.Urn);
        Assert.Equal(Endpoint, ExternalPayload.Parser.ParseFrom(env.Payload).Endpoint.Url);
        Assert.Equal(FakeHarness.HarnessUrns.Capabilities, env.Capabilities);
    }

    [Fact]
    public void Inputs_use_main_for_pardos_and_indices_for_primitives()
    {
        var t = Build("groupbykey/fixed_windows").Components.Transforms;
        Assert.Equal(new Dictionary<string, string> { ["main"] = "impulse" }, t["Create"].Inputs);
        Assert.Equal(new Dictionary<string, string> { ["0"] = "windowed" }, t["GroupByKey"].Inputs);
        Assert.Equal(new Dictionary<string, string> { ["out"] = "grouped" }, t["GroupByKey"].Outputs);
    }

    [Fact]
    public void Fixed_windows_strategy_has_its_payload_interval_window_coder_and_defaults()
    {
        var p = Build("groupbykey/fixed_windows");
        var ws = p.Components.WindowingStrategies["fixed_1s"];
        Assert.Equal("beam:window_fn:fixed_windows:v1", ws.WindowFn.Urn);
        var fixedFn = FixedWindowsPayload.Parser.ParseFrom(ws.WindowFn.Payload);
        Assert.Equal(1, fixedFn.Size.Seconds);
        Assert.Equal(0, fixedFn.Size.Nanos);
        Assert.Equal(0, fixedFn.Offset.Seconds);
        Assert.Equal("beam:coder:interval_window:v1", p.Components.Coders[ws.WindowCoderId].Spec.Urn);
        Assert.Equal(MergeStatus.Types.Enum.NonMerging, ws.MergeStatus);
        Assert.Equal(Trigger.TriggerOneofCase.Default, ws.Trigger.TriggerCase);
        Assert.Equal(AccumulationMode.Types.Enum.Discarding, ws.AccumulationMode);
        Assert.Equal(OutputTime.Types.Enum.EndOfWindow, ws.OutputTime);
        Assert.Equal(ClosingBehavior.Types.Enum.EmitIfNonempty, ws.ClosingBehavior);
        Assert.Equal(OnTimeBehavior.Types.Enum.FireAlways, ws.OnTimeBehavior);
        Assert.Equal("fixed_1s", p.Components.Pcollections["windowed"].WindowingStrategyId);
        var window = WindowIntoPayload.Parser.ParseFrom(p.Components.Transforms["Window"].Spec.Payload);
        Assert.Equal(ws.WindowFn, window.WindowFn);
    }

    [Fact]
    public void Kv_coder_has_its_component_coders()
    {
        var p = Build("groupbykey/fixed_windows");
        var kv = p.Components.Coders[p.Components.Pcollections["grouped"].CoderId];
        Assert.Equal("beam:coder:kv:v1", kv.Spec.Urn);
        Assert.Equal(["beam:coder:string_utf8:v1", "beam:coder:iterable:v1"], kv.ComponentCoderIds.Select(c => p.Components.Coders[c].Spec.Urn));
        Assert.Equal("beam:coder:varint:v1", p.Components.Coders[p.Components.Coders[kv.ComponentCoderIds[1]].ComponentCoderIds[0]].Spec.Urn);
    }

    [Fact]
    public void Combine_per_key_is_a_composite_of_group_by_key_and_combine_grouped_values()
    {
        var p = Build("combine/sum_per_key");
        var t = p.Components.Transforms;
        var combine = t["Combine"];
        Assert.Equal("beam:transform:combine_per_key:v1", combine.Spec.Urn);
        Assert.Equal(["Combine/GroupByKey", "Combine/CombineGroupedValues"], combine.Subtransforms);
        var payload = CombinePayload.Parser.ParseFrom(combine.Spec.Payload);
        Assert.Equal("beamconformance:combine_fn:v1", payload.CombineFn.Urn);
        Assert.Equal("{\"fn\":\"sum\",\"run\":\"r1\"}", payload.CombineFn.Payload.ToStringUtf8());
        Assert.Equal("beam:coder:varint:v1", p.Components.Coders[payload.AccumulatorCoderId].Spec.Urn);
        Assert.Equal("beam:transform:group_by_key:v1", t["Combine/GroupByKey"].Spec.Urn);
        Assert.Equal("Combine/grouped", t["Combine/GroupByKey"].Outputs["out"]);
        Assert.Equal("beam:transform:combine_grouped_values:v1", t["Combine/CombineGroupedValues"].Spec.Urn);
        Assert.Equal("fakeharness", t["Combine/CombineGroupedValues"].EnvironmentId);
        Assert.Equal("combined", t["Combine/CombineGroupedValues"].Outputs["out"]);
        Assert.Equal(["Impulse", "Create", "Combine", "Out"], p.RootTransformIds);
    }

    [Fact]
    public void Combine_globally_in_the_global_window_flattens_the_combined_values_with_an_injected_default()
    {
        var p = Build("combine/sum_globally_empty");
        var t = p.Components.Transforms;
        var pcs = p.Components.Pcollections;
        Assert.Equal(
            ["Sum/KeyByEmpty", "Sum/CombinePerKey", "Sum/DropKey", "Sum/Impulse", "Sum/InjectDefault", "Sum/Flatten"],
            t["Sum"].Subtransforms);
        Assert.Equal(new Dictionary<string, string> { ["out"] = "Sum/unkeyed" }, t["Sum/DropKey"].Outputs);

        // The default branch: its own Impulse (a runner primitive) into a global bytes PCollection.
        Assert.Equal("beam:transform:impulse:v1", t["Sum/Impulse"].Spec.Urn);
        Assert.Equal(("", 0), (t["Sum/Impulse"].EnvironmentId, t["Sum/Impulse"].Inputs.Count));
        Assert.Equal("Sum/impulse", t["Sum/Impulse"].Outputs["out"]);
        Assert.Equal(("beam:coder:bytes:v1", "global"), (p.Components.Coders[pcs["Sum/impulse"].CoderId].Spec.Urn, pcs["Sum/impulse"].WindowingStrategyId));

        // inject_default: main = that Impulse, one iterable side input = the unkeyed combined values.
        var inject = t["Sum/InjectDefault"];
        Assert.Equal(("beam:transform:pardo:v1", "fakeharness"), (inject.Spec.Urn, inject.EnvironmentId));
        Assert.Equal(new Dictionary<string, string> { ["main"] = "Sum/impulse", ["combined"] = "Sum/unkeyed" }, inject.Inputs);
        Assert.Equal(new Dictionary<string, string> { ["out"] = "Sum/default" }, inject.Outputs);
        var pardo = ParDoPayload.Parser.ParseFrom(inject.Spec.Payload);
        Assert.Equal("beamconformance:transform:inject_default:v1", pardo.DoFn.Urn);
        Assert.Equal("{\"fn\":\"sum\",\"run\":\"r1\"}", pardo.DoFn.Payload.ToStringUtf8());
        var side = Assert.Single(pardo.SideInputs);
        Assert.Equal("combined", side.Key);
        Assert.Equal("beam:side_input:iterable:v1", side.Value.AccessPattern.Urn);
        Assert.Equal("beamconformance:view_fn:v1", side.Value.ViewFn.Urn);
        Assert.Equal("{\"view\":\"iterable\",\"run\":\"r1\"}", side.Value.ViewFn.Payload.ToStringUtf8());
        Assert.Equal("beamconformance:window_mapping_fn:v1", side.Value.WindowMappingFn.Urn);

        // Flatten of the combined values and the default into the scenario's output, all with the output coder.
        Assert.Equal("beam:transform:flatten:v1", t["Sum/Flatten"].Spec.Urn);
        Assert.Equal(new Dictionary<string, string> { ["0"] = "Sum/unkeyed", ["1"] = "Sum/default" }, t["Sum/Flatten"].Inputs);
        Assert.Equal(new Dictionary<string, string> { ["out"] = "total" }, t["Sum/Flatten"].Outputs);
        Assert.All(["Sum/unkeyed", "Sum/default", "total"], id => Assert.Equal(
            ("beam:coder:varint:v1", "global"), (p.Components.Coders[pcs[id].CoderId].Spec.Urn, pcs[id].WindowingStrategyId)));
        Assert.Equal(["Impulse", "Create", "Sum", "Out"], p.RootTransformIds);
    }

    [Fact]
    public void Combine_globally_outside_the_global_window_has_no_default_branch()
    {
        var text = File.ReadAllText(Path.Combine(TestData.ScenariosRoot, "combine/sum_globally.yaml"))
            .Replace("  pcollections:", "  windowing_strategies:\n    fixed_1s: {window_fn: {fixed: {size_ms: 1000}}}\n  pcollections:", StringComparison.Ordinal)
            .Replace("numbers: {coder: varint}", "numbers: {coder: varint, windowing: fixed_1s}", StringComparison.Ordinal)
            .Replace("total: {coder: varint}", "total: {coder: varint, windowing: fixed_1s}", StringComparison.Ordinal);
        var scenario = ScenarioLoader.Load(text, "sum_globally_fixed.yaml", new ScenarioId("combine/sum_globally"));
        var p = PipelineBuilder.Build(scenario, Run, Endpoint, text);
        var t = p.Components.Transforms;

        Assert.Equal(["Sum/KeyByEmpty", "Sum/CombinePerKey", "Sum/DropKey"], t["Sum"].Subtransforms);
        Assert.Equal(new Dictionary<string, string> { ["out"] = "total" }, t["Sum/DropKey"].Outputs);
        Assert.DoesNotContain(t.Values, x => x.UniqueName.StartsWith("Sum/Impulse", StringComparison.Ordinal) || x.UniqueName == "Sum/InjectDefault");
    }

    [Fact]
    public void Teststream_is_a_runner_primitive_with_its_events_in_order_and_tags_as_output_names()
    {
        var p = Build("teststream/output_tags_route_elements");
        var t = p.Components.Transforms["Events"];
        var payload = TestStreamPayload.Parser.ParseFrom(t.Spec.Payload);

        Assert.Equal("beam:transform:teststream:v1", t.Spec.Urn);
        Assert.Equal("", t.EnvironmentId);
        Assert.Empty(t.Inputs);
        Assert.Equal(new Dictionary<string, string> { ["left"] = "lefts", ["right"] = "rights" }, t.Outputs);
        Assert.Equal("varint", payload.CoderId);
        Assert.Equal("beam:coder:varint:v1", p.Components.Coders[payload.CoderId].Spec.Urn);
        Assert.Equal(
            ["element left 01@10", "element right 02@20", "element left 03@30", "watermark left 9223372036854775", "watermark right 9223372036854775"],
            payload.Events.Select(Describe));
    }

    [Fact]
    public void Teststream_elements_are_encoded_in_the_outer_context()
    {
        var payload = TestStreamPayload.Parser.ParseFrom(Build("teststream/string_elements_outer_encoding").Components.Transforms["Events"].Spec.Payload);

        // "hello", "" and "x y" with no length prefix (Beam SDKs encode encoded_element with the coder's outer context).
        Assert.Equal(["element out 68656c6c6f@1", "element out @2", "element out 782079@3"], payload.Events.Select(Describe));
    }

    [Fact]
    public void Teststream_processing_time_events_carry_the_advance_in_ms()
    {
        var payload = TestStreamPayload.Parser.ParseFrom(Build("teststream/processing_time_events_without_timers").Components.Transforms["Events"].Spec.Payload);

        // kv<string_utf8, varint> [a, 1]: the key nested (length 1, "a"), the value in the outer context.

        Assert.Equal(
            ["element out 016101@100", "processing_time 5000", "element out 016102@200", "processing_time 5000", "watermark out 9223372036854775"],
            payload.Events.Select(Describe));
    }

    private static string Describe(TestStreamPayload.Types.Event e) => e.EventCase switch
    {
        TestStreamPayload.Types.Event.EventOneofCase.ElementEvent => string.Join(", ", e.ElementEvent.Elements.Select(el =>
            $"element {e.ElementEvent.Tag} {Convert.ToHexStringLower(el.EncodedElement.Span)}@{el.Timestamp}")),
        TestStreamPayload.Types.Event.EventOneofCase.WatermarkEvent => $"watermark {e.WatermarkEvent.Tag} {e.WatermarkEvent.NewWatermark}",
        _ => $"processing_time {e.ProcessingTimeEvent.AdvanceDuration}",
    };
}
