using BeamConformance.Model;
using BeamConformance.Model.Coders;
using BeamConformance.Model.Windows;

namespace BeamConformance.FakeHarness.Tests;

/// <summary>Bundles of fused stages driven over the Fn API by a test acting as the runner.</summary>
public sealed class PipelineTests
{
    [Fact]
    public async Task Impulse_create_map_capture_and_sink()
    {
        await using var session = await HarnessSession.StartAsync();
        var d = session.NewDescriptor();
        var global = d.GlobalWindowCoder;
        d.PCollection("impulse", d.Bytes);
        d.PCollection("numbers", d.VarInt);
        d.PCollection("mapped", d.VarInt);
        d.Source("src", "impulse", d.Windowed(d.Bytes, global));
        d.ParDo("Create", "beamconformance:transform:create:v1", """{"values": [1, 2, 3]}""", new() { ["main"] = "impulse" }, new() { ["out"] = "numbers" });
        d.ParDo("Map", "beamconformance:transform:map:v1", """{"fn": {"add": 10}}""", new() { ["main"] = "numbers" }, new() { ["out"] = "mapped" });
        d.ParDo("Capture", "beamconformance:transform:capture:v1", "{}", new() { ["main"] = "mapped" }, []);
        d.Sink("sink", "mapped", d.Windowed(d.VarInt, global));
        await session.RegisterAsync(d.Descriptor);

        var response = await session.RunBundleAsync("stage-1", "b1", "src", HarnessSession.ImpulseBytes);

        Assert.Equal(string.Empty, response.Error);
        var captured = session.Captures.GetElements("run-1", "Capture");
        Assert.Equal("11, 12, 13", Show.Values(captured.Select(c => c.Value)));
        Assert.All(captured, c =>
        {
            Assert.Equal(BeamTime.MinTimestampMillis, c.TimestampMillis);
            Assert.Equal([GlobalWindow.Instance], c.Windows);
            Assert.Equal(PaneInfo.NoFiring, c.Pane);
            Assert.Equal("b1", c.InstructionId);
        });

        // What the sink sent: each value as a windowed value at the min timestamp in the global window, pane 0x0f.
        var sinkBytes = await session.Runner.ReceivedAsync("b1", "sink");
        Assert.Equal(
            "7fdf3b645a1cac09000000010f0b" + "7fdf3b645a1cac09000000010f0c" + "7fdf3b645a1cac09000000010f0d",
            Convert.ToHexStringLower(sinkBytes));

        // What the runner sent, exactly: the Impulse element.
        var recording = session.Recorder.Get("run-1");
        var data = Assert.Single(recording.Data);
        Assert.Equal(("impulse", "src", "b1"), (data.PCollection, data.TransformId, data.InstructionId));
        Assert.Equal("7fdf3b645a1cac09000000010f00", Convert.ToHexStringLower(data.WindowedValue));
        Assert.Contains("beamconformance:transform:create:v1", Assert.Single(recording.Descriptors).TransformUrns);
        Assert.Equal(["register", "process_bundle"], recording.Instructions.Select(i => i.Kind));
    }

    [Theory]
    // map: varint arithmetic keeps the varint type
    [InlineData("varint", "varint", "[1, 2]", "beamconformance:transform:map:v1", """{"fn": {"add": 10}}""", "11, 12")]
    // map: mod keeps the sign of the dividend
    [InlineData("varint", "varint", "[-7, 7]", "beamconformance:transform:map:v1", """{"fn": {"mod": 3}}""", "-1, 1")]
    // map: double arithmetic
    [InlineData("double", "double", "[1.5]", "beamconformance:transform:map:v1", """{"fn": {"multiply": 2}}""", "3d")]
    // map: to_string of varint and chain
    [InlineData("varint", "string_utf8", "[5]", "beamconformance:transform:map:v1", """{"fn": {"chain": [{"multiply": 2}, {"to_string": {}}]}}""", "\"10\"")]
    // map: prefix and concat on strings
    [InlineData("string_utf8", "string_utf8", """["b"]""", "beamconformance:transform:map:v1", """{"fn": {"chain": [{"prefix": "a"}, {"concat": "c"}]}}""", "\"abc\"")]
    // map: constant typed by the output coder (bytes)
    [InlineData("varint", "bytes", "[1]", "beamconformance:transform:map:v1", """{"fn": {"constant": {"hex": "00ff"}}}""", "0x00ff")]
    // map: kv built from one value
    [InlineData("varint", "kv<string_utf8,varint>", "[4]", "beamconformance:transform:map:v1", """{"fn": {"kv": {"key": {"constant": "k"}, "value": {"add": 1}}}}""", "(\"k\": 5)")]
    // flat_map: range, repeat, split (empty parts dropped), none
    [InlineData("varint", "varint", "[3]", "beamconformance:transform:flat_map:v1", """{"fn": {"range": {}}}""", "0, 1, 2")]
    [InlineData("varint", "varint", "[7]", "beamconformance:transform:flat_map:v1", """{"fn": {"repeat": 2}}""", "7, 7")]
    [InlineData("string_utf8", "string_utf8", """["a b  c"]""", "beamconformance:transform:flat_map:v1", """{"fn": {"split": " "}}""", "\"a\", \"b\", \"c\"")]
    [InlineData("varint", "varint", "[1, 2]", "beamconformance:transform:flat_map:v1", """{"fn": {"none": {}}}""", "")]
    // flat_map: each gives one output per function
    [InlineData("varint", "varint", "[2]", "beamconformance:transform:flat_map:v1", """{"fn": {"each": [{"add": 1}, {"multiply": 5}]}}""", "3, 10")]
    // flat_map: explode_values of a kv<K, iterable<V>>
    [InlineData("kv<string_utf8,iterable<varint>>", "kv<string_utf8,varint>", """[["k", [1, 2]]]""", "beamconformance:transform:flat_map:v1", """{"fn": {"explode_values": {}}}""", "(\"k\": 1), (\"k\": 2)")]
    // filter: predicates
    [InlineData("varint", "varint", "[1, 2, 3, 4]", "beamconformance:transform:filter:v1", """{"predicate": {"divisible_by": 2}}""", "2, 4")]
    [InlineData("varint", "varint", "[1, 2, 3]", "beamconformance:transform:filter:v1", """{"predicate": {"not": {"in": [1, 3]}}}""", "2")]
    [InlineData("varint", "varint", "[1, 5, 9]", "beamconformance:transform:filter:v1", """{"predicate": {"all": [{"greater_than": 1}, {"less_than": 9}]}}""", "5")]
    [InlineData("string_utf8", "string_utf8", """["apple", "banana"]""", "beamconformance:transform:filter:v1", """{"predicate": {"starts_with": "ba"}}""", "\"banana\"")]
    [InlineData("kv<string_utf8,varint>", "kv<string_utf8,varint>", """[["a", 1], ["b", 2]]""", "beamconformance:transform:filter:v1", """{"predicate": {"key": {"equals": "b"}}}""", "(\"b\": 2)")]
    // key_by: the key function's result becomes the key, the element the value
    [InlineData("varint", "kv<varint,varint>", "[3, 4]", "beamconformance:transform:key_by:v1", """{"key": {"mod": 2}}""", "(1: 3), (0: 4)")]
    public async Task Element_functions(string inputCoder, string outputCoder, string inputs, string doFnUrn, string payload, string expected)
    {
        await using var session = await HarnessSession.StartAsync();
        var d = session.NewDescriptor();
        d.PCollection("impulse", d.Bytes);
        d.PCollection("in", CoderGrammar.Parse(d, inputCoder));
        d.PCollection("out", CoderGrammar.Parse(d, outputCoder));
        d.Source("src", "impulse", d.Windowed(d.Bytes, d.GlobalWindowCoder));
        d.ParDo("Create", "beamconformance:transform:create:v1", $$"""{"values": {{inputs}}}""", new() { ["main"] = "impulse" }, new() { ["out"] = "in" });
        d.ParDo("UnderTest", doFnUrn, payload, new() { ["main"] = "in" }, new() { ["out"] = "out" });
        d.ParDo("Out", "beamconformance:transform:capture:v1", "{}", new() { ["main"] = "out" }, []);
        await session.RegisterAsync(d.Descriptor);

        var response = await session.RunBundleAsync("stage-1", "b1", "src", HarnessSession.ImpulseBytes);

        Assert.Equal(string.Empty, response.Error);
        Assert.Equal(expected, Show.Values(session.Captures.GetElements("run-1", "Out").Select(c => c.Value)));
    }

    [Fact]
    public async Task Multi_output_sends_each_element_to_every_matching_route_and_create_sets_timestamps()
    {
        await using var session = await HarnessSession.StartAsync();
        var d = session.NewDescriptor();
        d.PCollection("impulse", d.Bytes);
        d.PCollection("numbers", d.VarInt);
        d.PCollection("evens", d.VarInt);
        d.PCollection("big", d.VarInt);
        d.Source("src", "impulse", d.Windowed(d.Bytes, d.GlobalWindowCoder));
        d.ParDo("Create", "beamconformance:transform:create:v1", """{"elements": [{"value": 2, "timestamp_ms": 1000}, {"value": 3}, {"value": 10, "timestamp_ms": -5}]}""",
            new() { ["main"] = "impulse" }, new() { ["out"] = "numbers" });
        d.ParDo("Split", "beamconformance:transform:multi_output:v1", """{"routes": {"even": {"divisible_by": 2}, "big": {"greater_than": 2}}}""",
            new() { ["main"] = "numbers" }, new() { ["even"] = "evens", ["big"] = "big" });
        d.ParDo("Evens", "beamconformance:transform:capture:v1", "{}", new() { ["main"] = "evens" }, []);
        d.ParDo("Big", "beamconformance:transform:capture:v1", "{}", new() { ["main"] = "big" }, []);
        await session.RegisterAsync(d.Descriptor);

        var response = await session.RunBundleAsync("stage-1", "b1", "src", HarnessSession.ImpulseBytes);

        Assert.Equal(string.Empty, response.Error);
        Assert.Equal([(2L, 1000L), (10L, -5L)], session.Captures.GetElements("run-1", "Evens").Select(c => ((long)c.Value!, c.TimestampMillis)));
        Assert.Equal([(3L, BeamTime.MinTimestampMillis), (10L, -5L)], session.Captures.GetElements("run-1", "Big").Select(c => ((long)c.Value!, c.TimestampMillis)));
    }
}
