using BeamConformance.Model.Coders;
using BeamConformance.Model.Windows;
using Google.Protobuf;
using Org.Apache.Beam.Model.FnExecution.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.FakeHarness.Tests;

/// <summary><c>read_side_inputs</c> reads side inputs over the State API and emits what it saw.</summary>
public sealed class SideInputTests
{
    [Theory]
    // iterable: every value, read over two pages joined by a continuation token
    [InlineData("iterable", "varint", "beam:side_input:iterable:v1", null, "iterable_side_input", "", new[] { "01" + "02", "03" }, "(\"x\": [1, 2, 3])")]
    // singleton: the one value
    [InlineData("singleton", "varint", "beam:side_input:iterable:v1", null, "iterable_side_input", "", new[] { "2a" }, "(\"x\": 42)")]
    // singleton: the default when the side input is empty
    [InlineData("singleton", "varint", "beam:side_input:iterable:v1", "7", "iterable_side_input", "", new[] { "" }, "(\"x\": 7)")]
    // multimap: the values for the main element as key (key encoded nested)
    [InlineData("multimap", "kv<string_utf8,varint>", "beam:side_input:multimap:v1", null, "multimap_side_input", "0178", new[] { "05", "06" }, "(\"x\": [5, 6])")]
    // multimap_keys: the distinct keys
    [InlineData("multimap_keys", "kv<string_utf8,varint>", "beam:side_input:multimap:v1", null, "multimap_keys_side_input", "", new[] { "0161" + "0162" }, "(\"x\": [\"a\", \"b\"])")]
    public async Task Reads_the_view_in_the_global_window(string view, string sideCoder, string accessPattern, string? defaultJson, string kind, string keyHex, string[] pagesHex, string expected)
    {
        await using var session = await HarnessSession.StartAsync();
        var d = session.NewDescriptor();
        d.StateApi(session.Runner.Endpoint);
        var seenCoder = view switch
        {
            "singleton" => d.VarInt,
            "multimap" => d.Iterable(d.VarInt),
            "multimap_keys" => d.Iterable(d.StringUtf8),
            _ => d.Iterable(d.VarInt),
        };
        d.PCollection("impulse", d.Bytes);
        d.PCollection("main", d.StringUtf8);
        d.PCollection("side", CoderGrammar.Parse(d, sideCoder));
        d.PCollection("seen", d.Kv(d.StringUtf8, seenCoder));
        d.Source("src", "impulse", d.Windowed(d.Bytes, d.GlobalWindowCoder));
        d.ParDo("Create", "beamconformance:transform:create:v1", """{"values": ["x"]}""", new() { ["main"] = "impulse" }, new() { ["out"] = "main" });
        var viewJson = defaultJson is null ? $$"""{"view": "{{view}}"}""" : $$"""{"view": "{{view}}", "default": {{defaultJson}}}""";
        d.ParDo("Read", "beamconformance:transform:read_side_inputs:v1", "{}", new() { ["main"] = "main", ["lookup"] = "side" }, new() { ["lookup"] = "seen" },
            new() { ["lookup"] = SideInput(accessPattern, viewJson) });
        d.ParDo("Out", "beamconformance:transform:capture:v1", "{}", new() { ["main"] = "seen" }, []);
        var key = StateKeyFor(kind, "Read", "lookup", [], Convert.FromHexString(keyHex));
        session.Runner.StatePages[FakeRunner.Key(key)] = pagesHex.Select(Convert.FromHexString).ToArray();
        await session.RegisterAsync(d.Descriptor);

        var response = await session.RunBundleAsync("stage-1", "b1", "src", HarnessSession.ImpulseBytes);

        Assert.Equal(string.Empty, response.Error);
        Assert.Equal(expected, Show.Values(session.Captures.GetElements("run-1", "Out").Select(c => c.Value)));
        var requests = session.Recorder.Get("run-1").StateRequests;
        Assert.Equal(pagesHex.Length, requests.Count);
        Assert.All(requests, r => Assert.Equal((kind, "get", "Read", "lookup"), (r.Kind, r.Operation, r.TransformId, r.SideInput)));
        Assert.Equal(string.Concat(pagesHex), string.Concat(requests.Select(r => Convert.ToHexStringLower(r.ResponseData))));
        Assert.Equal(keyHex, Convert.ToHexStringLower(requests[0].Key));
    }

    [Fact]
    public async Task Maps_a_main_window_to_the_side_window_containing_its_max_timestamp()
    {
        await using var session = await HarnessSession.StartAsync();
        var d = session.NewDescriptor();
        d.StateApi(session.Runner.Endpoint);
        var mainFn = DescriptorBuilder.Fixed(1000);
        var mainWindowing = d.Windowing("fixed1s", mainFn, d.IntervalWindowCoder);
        var sideWindowing = d.Windowing("sliding", DescriptorBuilder.Sliding(3000, 1000), d.IntervalWindowCoder);
        d.PCollection("impulse", d.Bytes);
        d.PCollection("stamped", d.StringUtf8);
        d.PCollection("main", d.StringUtf8, mainWindowing);
        d.PCollection("side", d.VarInt, sideWindowing);
        d.PCollection("seen", d.Kv(d.StringUtf8, d.Iterable(d.VarInt)), mainWindowing);
        d.Source("src", "impulse", d.Windowed(d.Bytes, d.GlobalWindowCoder));
        d.ParDo("Create", "beamconformance:transform:create:v1", """{"elements": [{"value": "x", "timestamp_ms": 1500}]}""", new() { ["main"] = "impulse" }, new() { ["out"] = "stamped" });
        d.WindowInto("Window", mainFn, "stamped", "main");
        d.ParDo("Read", "beamconformance:transform:read_side_inputs:v1", "{}", new() { ["main"] = "main", ["s"] = "side" }, new() { ["s"] = "seen" },
            new() { ["s"] = SideInput("beam:side_input:iterable:v1", """{"view": "iterable"}""") });
        d.ParDo("Out", "beamconformance:transform:capture:v1", "{}", new() { ["main"] = "seen" }, []);

        // Main window [1000, 2000) has max timestamp 1999; the sliding windows containing it start at 1000, 0 and
        // -1000: the last-starting one is [1000, 4000).
        var sideWindow = IntervalWindowCoder.Instance.EncodeToArray(new IntervalWindow(1000, 4000), nested: false);
        session.Runner.StatePages[FakeRunner.Key(StateKeyFor("iterable_side_input", "Read", "s", sideWindow, []))] = [[0x09]];
        await session.RegisterAsync(d.Descriptor);

        var response = await session.RunBundleAsync("stage-1", "b1", "src", HarnessSession.ImpulseBytes);

        Assert.Equal(string.Empty, response.Error);
        var captured = Assert.Single(session.Captures.GetElements("run-1", "Out"));
        Assert.Equal("(\"x\": [9])", Show.Value(captured.Value));
        Assert.Equal("[1000,2000)", Show.Windows(captured.Windows));
        Assert.Equal(Convert.ToHexStringLower(sideWindow), Convert.ToHexStringLower(Assert.Single(session.Recorder.Get("run-1").StateRequests).Window));
    }

    private static SideInput SideInput(string accessPattern, string viewJson) => new()
    {
        AccessPattern = new FunctionSpec { Urn = accessPattern },
        ViewFn = new FunctionSpec { Urn = "beamconformance:view_fn:v1", Payload = ByteString.CopyFromUtf8(viewJson) },
        WindowMappingFn = new FunctionSpec { Urn = "beamconformance:window_mapping_fn:v1" },
    };

    private static StateKey StateKeyFor(string kind, string transform, string side, byte[] window, byte[] key) => kind switch
    {
        "multimap_side_input" => new StateKey { MultimapSideInput = new() { TransformId = transform, SideInputId = side, Window = ByteString.CopyFrom(window), Key = ByteString.CopyFrom(key) } },
        "multimap_keys_side_input" => new StateKey { MultimapKeysSideInput = new() { TransformId = transform, SideInputId = side, Window = ByteString.CopyFrom(window) } },
        _ => new StateKey { IterableSideInput = new() { TransformId = transform, SideInputId = side, Window = ByteString.CopyFrom(window) } },
    };
}
