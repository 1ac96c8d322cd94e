using BeamConformance.Model;

namespace BeamConformance.FakeHarness.Tests;

/// <summary>The lifted combine phases and combine_grouped_values, with the contract's accumulators.</summary>
public sealed class CombineTests
{
    private const string Precombine = "beam:transform:combine_per_key_precombine:v1";
    private const string Merge = "beam:transform:combine_per_key_merge_accumulators:v1";
    private const string Extract = "beam:transform:combine_per_key_extract_outputs:v1";
    private const string Grouped = "beam:transform:combine_grouped_values:v1";

    [Theory]
    // precombine: accumulators per key within the bundle (sum's accumulator is the input type)
    [InlineData(Precombine, "sum", "kv<string_utf8,varint>", "varint", "kv<string_utf8,varint>", """[["a", 1], ["b", 2], ["a", 3]]""", "(\"a\": 4), (\"b\": 2)")]
    // precombine: count
    [InlineData(Precombine, "count", "kv<string_utf8,string_utf8>", "varint", "kv<string_utf8,varint>", """[["a", "x"], ["a", "y"]]""", "(\"a\": 2)")]
    // precombine: mean's accumulator is (sum, count)
    [InlineData(Precombine, "mean", "kv<string_utf8,varint>", "kv<double,varint>", "kv<string_utf8,kv<double,varint>>", """[["a", 1], ["a", 2]]""", "(\"a\": (3d: 2))")]
    // precombine: min's accumulator is a list of at most one item
    [InlineData(Precombine, "min", "kv<string_utf8,varint>", "iterable<varint>", "kv<string_utf8,iterable<varint>>", """[["a", 5], ["a", 2], ["a", 9]]""", "(\"a\": [2])")]
    // precombine: to_list
    [InlineData(Precombine, "to_list", "kv<string_utf8,varint>", "iterable<varint>", "kv<string_utf8,iterable<varint>>", """[["a", 1], ["a", 2]]""", "(\"a\": [1, 2])")]
    // merge accumulators: sum
    [InlineData(Merge, "sum", "kv<string_utf8,iterable<varint>>", "varint", "kv<string_utf8,varint>", """[["a", [1, 2, 3]]]""", "(\"a\": 6)")]
    // merge accumulators: mean adds sums and counts
    [InlineData(Merge, "mean", "kv<string_utf8,iterable<kv<double,varint>>>", "kv<double,varint>", "kv<string_utf8,kv<double,varint>>", """[["a", [[3.0, 2], [1.0, 1]]]]""", "(\"a\": (4d: 3))")]
    // merge accumulators: max over lists, empty ones included
    [InlineData(Merge, "max", "kv<string_utf8,iterable<iterable<varint>>>", "iterable<varint>", "kv<string_utf8,iterable<varint>>", """[["a", [[1], [], [7]]]]""", "(\"a\": [7])")]
    // extract outputs: mean divides
    [InlineData(Extract, "mean", "kv<string_utf8,kv<double,varint>>", "kv<double,varint>", "kv<string_utf8,double>", """[["a", [3.0, 2]]]""", "(\"a\": 1.5d)")]
    // extract outputs: min of nothing emits nothing
    [InlineData(Extract, "min", "kv<string_utf8,iterable<varint>>", "iterable<varint>", "kv<string_utf8,varint>", """[["a", []]]""", "")]
    // combine_grouped_values: sum of doubles
    [InlineData(Grouped, "sum", "kv<string_utf8,iterable<double>>", "double", "kv<string_utf8,double>", """[["a", [1.5, 2.5]]]""", "(\"a\": 4d)")]
    // combine_grouped_values: count and to_list
    [InlineData(Grouped, "count", "kv<string_utf8,iterable<varint>>", "varint", "kv<string_utf8,varint>", """[["a", [4, 5, 6]]]""", "(\"a\": 3)")]
    [InlineData(Grouped, "to_list", "kv<string_utf8,iterable<varint>>", "iterable<varint>", "kv<string_utf8,iterable<varint>>", """[["a", [4, 5]]]""", "(\"a\": [4, 5])")]
    // combine_grouped_values: mean of an empty group is NaN
    [InlineData(Grouped, "mean", "kv<string_utf8,iterable<varint>>", "kv<double,varint>", "kv<string_utf8,double>", """[["a", []]]""", "(\"a\": NaNd)")]
    public async Task Combine_phase(string urn, string fn, string inputCoder, string accumulatorCoder, string outputCoder, string inputs, string expected)
    {
        await using var session = await HarnessSession.StartAsync();
        var d = session.NewDescriptor();
        d.PCollection("impulse", d.Bytes);
        d.PCollection("in", CoderGrammar.Parse(d, inputCoder));
        d.PCollection("out", CoderGrammar.Parse(d, outputCoder));
        d.Source("src", "impulse", d.Windowed(d.Bytes, d.GlobalWindowCoder));
        d.ParDo("Create", "beamconformance:transform:create:v1", $$"""{"values": {{inputs}}}""", new() { ["main"] = "impulse" }, new() { ["out"] = "in" });
        d.Combine("Combine", urn, fn, CoderGrammar.Parse(d, accumulatorCoder), "in", "out");
        d.ParDo("Out", "beamconformance:transform:capture:v1", "{}", new() { ["main"] = "out" }, []);
        await session.RegisterAsync(d.Descriptor);

        var response = await session.RunBundleAsync("stage-1", "b1", "src", HarnessSession.ImpulseBytes);

        Assert.Equal(string.Empty, response.Error);
        Assert.Equal(expected, Show.Values(session.Captures.GetElements("run-1", "Out").Select(c => c.Value)));
    }

    [Fact]
    public async Task Precombine_accumulates_per_window_and_emits_at_the_window_max_timestamp()
    {
        await using var session = await HarnessSession.StartAsync();
        var d = session.NewDescriptor();
        var fixedFn = DescriptorBuilder.Fixed(1000);
        var fixed1s = d.Windowing("fixed", fixedFn, d.IntervalWindowCoder);
        var kv = d.Kv(d.StringUtf8, d.VarInt);
        d.PCollection("impulse", d.Bytes);
        d.PCollection("stamped", kv);
        d.PCollection("windowed", kv, fixed1s);
        d.PCollection("partial", kv, fixed1s);
        d.Source("src", "impulse", d.Windowed(d.Bytes, d.GlobalWindowCoder));
        d.ParDo("Create", "beamconformance:transform:create:v1",
            """{"elements": [{"value": ["k", 1], "timestamp_ms": 10}, {"value": ["k", 2], "timestamp_ms": 1500}, {"value": ["k", 4], "timestamp_ms": 20}]}""",
            new() { ["main"] = "impulse" }, new() { ["out"] = "stamped" });
        d.WindowInto("Window", fixedFn, "stamped", "windowed");
        d.Combine("Pre", Precombine, "sum", d.VarInt, "windowed", "partial");
        d.ParDo("Out", "beamconformance:transform:capture:v1", "{}", new() { ["main"] = "partial" }, []);
        await session.RegisterAsync(d.Descriptor);

        var response = await session.RunBundleAsync("stage-1", "b1", "src", HarnessSession.ImpulseBytes);

        Assert.Equal(string.Empty, response.Error);
        Assert.Equal(
            ["(\"k\": 5) [0,1000) @999", "(\"k\": 2) [1000,2000) @1999"],
            session.Captures.GetElements("run-1", "Out").Select(c => $"{Show.Value(c.Value)} {Show.Windows(c.Windows)} @{c.TimestampMillis}"));
        Assert.All(session.Captures.GetElements("run-1", "Out"), c => Assert.Equal(PaneInfo.NoFiring, c.Pane));
    }
}
