using BeamConformance.Model;
using BeamConformance.Model.Windows;

namespace BeamConformance.Engine.Tests;

/// <summary>Side inputs read from a PCollection whose elements come from trigger firings (README "Triggered side inputs").</summary>
public sealed class TriggeredSideInputTests
{
    private static readonly IntervalWindow W = new(0, 100);

    private static JobEngine Build() => new(new StageGraphBuilder()
        .AddExternalInput(new("main"), new("pm"))
        .AddExternalInput(new("side"), new("ps"))
        .AddSdkStage(new("consumer"), [new("pm")], [], [new SideInput(new("ps")) { WindowMapping = static w => w }])
        .Build());

    private static PaneInfo Early(long index) => new(index == 0, false, PaneTiming.Early, index, -1);

    private static Element Pane(byte key, byte value, long index) => Element.Keyed([key], [value], 10, W, Early(index));

    private static string[] Hex(IReadOnlyList<ReadOnlyMemory<byte>> list) => list.Select(static b => Convert.ToHexString(b.Span)).ToArray();

    [Fact]
    public void A_main_element_is_blocked_until_the_first_pane_of_its_side_window_fires_then_sees_it()
    {
        var engine = Build();
        engine.AddElements(new("main"), [TestData.Plain([1], 20, W)]);
        // side watermark at the minimum, no pane yet: the main element waits
        Assert.Equal(NextBundleKind.Stuck, engine.GetNextBundle().Kind);

        // an element of another window's pane does not make W ready
        engine.AddElements(new("side"), [Element.Keyed([0x0A], [0x09], 110, new IntervalWindow(100, 200), Early(0))]);
        Assert.Equal(NextBundleKind.Stuck, engine.GetNextBundle().Kind);

        engine.AddElements(new("side"), [Pane(0x0A, 0x01, 0)]);
        var bundle = TestData.Ready(engine);
        Assert.Equal([20L], bundle.Inputs[0].Elements.Select(static e => e.TimestampMillis));
        Assert.Equal(["0A01"], Hex(engine.GetIterableSideInput(new("ps"), W)));
    }

    [Fact]
    public void A_later_pane_replaces_the_earlier_pane_of_its_key_and_keeps_the_other_keys()
    {
        var engine = Build();
        engine.AddElements(new("side"), [Pane(0x0A, 0x01, 0), Pane(0x0B, 0x02, 0)]);
        Assert.Equal(["0A01", "0B02"], Hex(engine.GetIterableSideInput(new("ps"), W)));
        Assert.Equal(["01"], Hex(engine.GetMultimapSideInput(new("ps"), W, new byte[] { 0x0A })));

        // key 0A's second pane (discarding: only the new value; accumulating would carry 01 again itself)
        engine.AddElements(new("side"), [Pane(0x0A, 0x03, 1)]);
        Assert.Equal(["0B02", "0A03"], Hex(engine.GetIterableSideInput(new("ps"), W)));
        // the key index built before is rebuilt: 0A shows only its latest pane
        Assert.Equal(["03"], Hex(engine.GetMultimapSideInput(new("ps"), W, new byte[] { 0x0A })));
        Assert.Equal(["0B", "0A"], Hex(engine.GetMultimapKeysSideInput(new("ps"), W)));
    }

    [Fact]
    public void Unkeyed_elements_of_a_later_pane_replace_every_element_of_earlier_panes_in_the_window()
    {
        var engine = Build();
        engine.AddElements(new("side"), [new Element(new byte[] { 0x07 }, 10, W, Early(0)), new Element(new byte[] { 0x08 }, 10, W, Early(0))]);
        Assert.Equal(["07", "08"], Hex(engine.GetIterableSideInput(new("ps"), W)));
        engine.AddElements(new("side"), [new Element(new byte[] { 0x09 }, 10, W, Early(1)), new Element(new byte[] { 0x0A }, 10, W, Early(1))]);
        Assert.Equal(["09", "0A"], Hex(engine.GetIterableSideInput(new("ps"), W)));
    }

    [Fact]
    public void Elements_of_no_firing_accumulate_as_before()
    {
        var engine = Build();
        engine.AddElements(new("side"), [TestData.Kv(0x0A, 0x01, 1, W), TestData.Kv(0x0A, 0x02, 2, W)]);
        Assert.Equal(["0A01", "0A02"], Hex(engine.GetIterableSideInput(new("ps"), W)));
        // and do not make the window ready before the watermark passes it
        engine.AddElements(new("main"), [TestData.Plain([1], 20, W)]);
        Assert.Equal(NextBundleKind.Stuck, engine.GetNextBundle().Kind);
    }
}
