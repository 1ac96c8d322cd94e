using BeamConformance.Model;
using Google.Protobuf;
using Org.Apache.Beam.Model.FnExecution.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.FakeHarness.Tests;

/// <summary>
/// <c>inject_default</c>: reads the combined PCollection as an iterable side input in the global window and emits
/// the combine fn's empty result only when it holds nothing.
/// </summary>
public sealed class InjectDefaultTests
{
    [Theory]
    // empty varint sum: 0 as a long
    [InlineData("sum", "varint", "", "0")]
    // empty double sum: 0.0 as a double
    [InlineData("sum", "double", "", "0d")]
    // empty count: 0
    [InlineData("count", "varint", "", "0")]
    // empty mean: NaN
    [InlineData("mean", "double", "", "NaNd")]
    // empty to_list: one empty list
    [InlineData("to_list", "iterable<varint>", "", "[]")]
    // empty min: no default, nothing emitted
    [InlineData("min", "varint", "", "")]
    // empty max: no default, nothing emitted
    [InlineData("max", "string_utf8", "", "")]
    // non-empty side (sum 55): nothing, the combined value reaches the output through the expansion's Flatten
    [InlineData("sum", "varint", "37", "")]
    // non-empty side, two pages (to_list [1] then [2], each a 4-byte count then items): still nothing
    [InlineData("to_list", "iterable<varint>", "0000000101|0000000102", "")]
    public async Task Emits_the_empty_result_only_when_the_combined_side_input_is_empty(string fn, string outputCoder, string pagesHex, string expected)
    {
        await using var session = await HarnessSession.StartAsync();
        var d = session.NewDescriptor();
        d.StateApi(session.Runner.Endpoint);
        var coder = CoderGrammar.Parse(d, outputCoder);
        d.PCollection("impulse", d.Bytes);
        d.PCollection("combined", coder);
        d.PCollection("default", coder);
        d.Source("src", "impulse", d.Windowed(d.Bytes, d.GlobalWindowCoder));
        d.ParDo("Sum/InjectDefault", "beamconformance:transform:inject_default:v1", $$"""{"fn": "{{fn}}"}""",
            new() { ["main"] = "impulse", ["combined"] = "combined" }, new() { ["out"] = "default" },
            new() { ["combined"] = IterableSide() });
        d.ParDo("Out", "beamconformance:transform:capture:v1", "{}", new() { ["main"] = "default" }, []);
        var key = new StateKey { IterableSideInput = new() { TransformId = "Sum/InjectDefault", SideInputId = "combined", Window = ByteString.Empty } };
        var pages = pagesHex.Split('|').Select(Convert.FromHexString).ToArray();
        session.Runner.StatePages[FakeRunner.Key(key)] = pages;
        await session.RegisterAsync(d.Descriptor);

        var response = await session.RunBundleAsync("stage-1", "b1", "src", HarnessSession.ImpulseBytes);

        Assert.Equal(string.Empty, response.Error);
        var captured = session.Captures.GetElements("run-1", "Out");
        Assert.Equal(expected, Show.Values(captured.Select(c => c.Value)));
        Assert.All(captured, c =>
        {
            Assert.Equal("global", Show.Windows(c.Windows));
            Assert.Equal(BeamTime.MinTimestampMillis, c.TimestampMillis);
            Assert.Equal(PaneInfo.NoFiring, c.Pane);
        });
        var requests = session.Recorder.Get("run-1").StateRequests;
        Assert.Equal(pages.Length, requests.Count);
        Assert.All(requests, r => Assert.Equal(("iterable_side_input", "get", "Sum/InjectDefault", "combined"), (r.Kind, r.Operation, r.TransformId, r.SideInput)));
    }

    private static SideInput IterableSide() => new()
    {
        AccessPattern = new FunctionSpec { Urn = "beam:side_input:iterable:v1" },
        ViewFn = new FunctionSpec { Urn = "beamconformance:view_fn:v1", Payload = ByteString.CopyFromUtf8("""{"view": "iterable"}""") },
        WindowMappingFn = new FunctionSpec { Urn = "beamconformance:window_mapping_fn:v1" },
    };
}
