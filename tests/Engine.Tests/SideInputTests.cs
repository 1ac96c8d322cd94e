using BeamConformance.Model;
using BeamConformance.Model.Windows;

namespace BeamConformance.Engine.Tests;

public sealed class SideInputTests
{
    private static JobEngine Build(SideInput side) => new(new StageGraphBuilder()
        .AddExternalInput(new("main"), new("pm"))
        .AddExternalInput(new("side"), new("ps"))
        .AddSdkStage(new("consumer"), [new("pm")], [], [side])
        .Build());

    public static TheoryData<long, NextBundleKind> CompleteRuleRows => new()
    {
        // the side input's watermark is not at the max: the main input waits (nothing in flight: stuck)
        { 1_000, NextBundleKind.Stuck },
        // past the global window's end but not complete: still waits
        { BeamTime.EndOfGlobalWindowMillis + 1, NextBundleKind.Stuck },
        // complete: ready
        { BeamTime.MaxTimestampMillis, NextBundleKind.Ready },
    };

    [Theory]
    [MemberData(nameof(CompleteRuleRows))]
    public void Without_a_window_mapping_main_input_waits_for_the_complete_side_input(long sideWatermark, NextBundleKind expected)
    {
        var engine = Build(new SideInput(new("ps")));
        engine.AddElements(new("main"), [TestData.Plain([1], 5)]);
        engine.AdvanceWatermark(new("side"), sideWatermark);
        Assert.Equal(expected, engine.GetNextBundle().Kind);
    }

    public static TheoryData<long, long[]> MappingRows => new()
    {
        // side watermark 9: no side window has ended; nothing is ready
        { 9, [] },
        // side watermark 10: past [0,10) (max 9): the element in [0,10) may run, the one in [10,20) waits
        { 10, [5] },
        // side watermark 20: both
        { 20, [5, 15] },
    };

    [Theory]
    [MemberData(nameof(MappingRows))]
    public void With_a_window_mapping_main_input_waits_only_for_its_side_window(long sideWatermark, long[] readyTimestamps)
    {
        var engine = Build(new SideInput(new("ps")) { WindowMapping = static w => w });
        engine.AddElements(new("main"), [TestData.Plain([1], 5, new IntervalWindow(0, 10)), TestData.Plain([2], 15, new IntervalWindow(10, 20))]);
        engine.AdvanceWatermark(new("side"), sideWatermark);
        var next = engine.GetNextBundle();
        var got = next.Bundle?.Inputs[0].Elements.Select(static e => e.TimestampMillis).ToArray() ?? [];
        Assert.Equal(readyTimestamps, got);
    }

    [Fact]
    public void Elements_held_back_by_a_side_input_keep_their_arrival_order()
    {
        var engine = new JobEngine(
            new StageGraphBuilder()
                .AddExternalInput(new("main"), new("pm"))
                .AddExternalInput(new("side"), new("ps"))
                .AddSdkStage(new("consumer"), [new("pm")], [], [new SideInput(new("ps")) { WindowMapping = static w => w }])
                .Build(),
            new EngineOptions { MaxBundleSize = 1 });
        engine.AddElements(new("main"),
        [
            TestData.Plain([1], 15, new IntervalWindow(10, 20)),
            TestData.Plain([2], 5, new IntervalWindow(0, 10)),
            TestData.Plain([3], 16, new IntervalWindow(10, 20)),
        ]);
        engine.AdvanceWatermark(new("side"), 10);
        var order = new List<byte>();
        order.Add(TestData.Ready(engine).Inputs[0].Elements[0].Bytes.Span[0]);
        engine.AdvanceWatermark(new("side"), 20);
        while (engine.GetNextBundle() is { Kind: NextBundleKind.Ready, Bundle: { } bundle })
        {
            order.Add(bundle.Inputs[0].Elements[0].Bytes.Span[0]);
        }

        // 2 was ready first; then the rest in arrival order: 1, 3
        Assert.Equal([2, 1, 3], order);
    }

    [Fact]
    public void Iterable_multimap_and_keys_answer_per_window_with_exact_bytes()
    {
        var engine = Build(new SideInput(new("ps")));
        var w1 = new IntervalWindow(0, 10);
        var w2 = new IntervalWindow(10, 20);
        engine.AddElements(new("side"),
        [
            TestData.Kv(0x0A, 0x01, 1, w1),
            TestData.Kv(0x0B, 0x02, 2, w1),
            TestData.Kv(0x0A, 0x03, 3, w1),
            TestData.Kv(0x0A, 0x04, 12, w2),
        ]);
        static string[] Hex(IReadOnlyList<ReadOnlyMemory<byte>> list) => list.Select(static b => Convert.ToHexString(b.Span)).ToArray();

        Assert.Equal(["0A01", "0B02", "0A03"], Hex(engine.GetIterableSideInput(new("ps"), w1)));
        Assert.Equal(["0A04"], Hex(engine.GetIterableSideInput(new("ps"), w2)));
        Assert.Equal(["01", "03"], Hex(engine.GetMultimapSideInput(new("ps"), w1, new byte[] { 0x0A })));
        Assert.Equal(["02"], Hex(engine.GetMultimapSideInput(new("ps"), w1, new byte[] { 0x0B })));
        Assert.Empty(engine.GetMultimapSideInput(new("ps"), w1, new byte[] { 0x0C }));
        Assert.Equal(["0A", "0B"], Hex(engine.GetMultimapKeysSideInput(new("ps"), w1)));
        Assert.Equal(["0A"], Hex(engine.GetMultimapKeysSideInput(new("ps"), w2)));
        // a window with no data is empty, not an error
        Assert.Empty(engine.GetIterableSideInput(new("ps"), GlobalWindow.Instance));
        // elements added after the key index was built are indexed too
        engine.AddElements(new("side"), [TestData.Kv(0x0C, 0x05, 4, w1)]);
        Assert.Equal(["0A", "0B", "0C"], Hex(engine.GetMultimapKeysSideInput(new("ps"), w1)));
    }

    [Fact]
    public void Querying_a_pcollection_no_stage_reads_as_side_input_is_an_error()
    {
        var engine = Build(new SideInput(new("ps")));
        var error = Assert.Throws<ArgumentException>(() => engine.GetIterableSideInput(new("pm"), GlobalWindow.Instance));
        Assert.StartsWith("PCollection 'pm' is not read as a side input by any stage", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Multimap_over_unkeyed_elements_names_the_side_input()
    {
        var engine = Build(new SideInput(new("ps")));
        engine.AddElements(new("side"), [TestData.Plain([1], 1)]);
        var error = Assert.Throws<InvalidOperationException>(() => engine.GetMultimapKeysSideInput(new("ps"), GlobalWindow.Instance));
        Assert.StartsWith("side input 'ps' is read as a multimap but holds an element without a key length", error.Message, StringComparison.Ordinal);
    }
}
