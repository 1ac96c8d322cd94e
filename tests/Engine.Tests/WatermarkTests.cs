using BeamConformance.Model;
using BeamConformance.Model.Windowing;

namespace BeamConformance.Engine.Tests;

public sealed class WatermarkTests
{
    private const long Min = BeamTime.MinTimestampMillis;
    private const long Max = BeamTime.MaxTimestampMillis;

    /// <summary>src (external) → a → b: each step, then (a in, a out, b in, b out).</summary>
    [Fact]
    public void Watermarks_propagate_through_a_chain_and_are_held_by_pending_elements()
    {
        var engine = new JobEngine(new StageGraphBuilder()
            .AddExternalInput(new("src"), new("p0"))
            .AddSdkStage(new("a"), [new("p0")], [new("p1")])
            .AddSdkStage(new("b"), [new("p1")], [])
            .Build());
        (long, long, long, long) Marks() => (engine.InputWatermark(new("a")), engine.OutputWatermark(new("a")), engine.InputWatermark(new("b")), engine.OutputWatermark(new("b")));

        // nothing yet: everything at the min
        Assert.Equal((Min, Min, Min, Min), Marks());
        // an element at 100 and the source at 50: the source watermark flows through
        engine.AddElements(new("src"), [TestData.Plain([1], 100)]);
        engine.AdvanceWatermark(new("src"), 50);
        Assert.Equal((50L, 50L, 50L, 50L), Marks());
        // source at 200: a's pending element at 100 holds a's output
        engine.AdvanceWatermark(new("src"), 200);
        Assert.Equal((200L, 100L, 100L, 100L), Marks());
        // in flight still holds
        var bundle = TestData.Ready(engine);
        Assert.Equal(200, bundle.InputWatermarkMillis);
        Assert.Equal((200L, 100L, 100L, 100L), Marks());
        // commit: a's output is released to 200; b now holds its new element at 150
        engine.CommitBundle(bundle.Id, TestData.Outputs(("p1", [TestData.Plain([2], 150)])));
        Assert.Equal((200L, 200L, 200L, 150L), Marks());
        Assert.Equal(200, engine.Watermark(new("p1")));
        // b's bundle commits: b catches up
        engine.CommitBundle(TestData.Ready(engine).Id, BundleResult.Empty);
        Assert.Equal((200L, 200L, 200L, 200L), Marks());
        // the source ends: everything reaches the max and the job is done
        engine.AdvanceWatermark(new("src"), Max);
        Assert.Equal((Max, Max, Max, Max), Marks());
        Assert.Equal(JobStatus.Done, engine.Status);
    }

    public static TheoryData<long, long, long> FlattenRows => new()
    {
        // the flatten's watermark is the min of its inputs'
        { 10, 20, 10 },
        { 30, 20, 20 },
        { Max, 5, 5 },
        { Max, Max, Max },
    };

    [Theory]
    [MemberData(nameof(FlattenRows))]
    public void Flatten_watermark_is_the_min_of_its_inputs(long left, long right, long expected)
    {
        var engine = new JobEngine(new StageGraphBuilder()
            .AddExternalInput(new("l"), new("pl"))
            .AddExternalInput(new("r"), new("pr"))
            .AddFlatten(new("flatten"), [new("pl"), new("pr")], new("all"))
            .AddSdkStage(new("sink"), [new("all")], [])
            .Build());
        engine.AdvanceWatermark(new("l"), left);
        engine.AdvanceWatermark(new("r"), right);
        Assert.Equal(expected, engine.Watermark(new("all")));
        Assert.Equal(expected, engine.InputWatermark(new("sink")));
    }

    [Fact]
    public void Runner_side_flatten_passes_elements_and_fused_flatten_bundles_both_inputs()
    {
        var engine = new JobEngine(new StageGraphBuilder()
            .AddExternalInput(new("l"), new("pl"))
            .AddExternalInput(new("r"), new("pr"))
            .AddFlatten(new("flatten"), [new("pl"), new("pr")], new("all"))
            .AddSdkStage(new("viaFlatten"), [new("all")], [])
            .AddSdkStage(new("fused"), [new("pl"), new("pr")], [])
            .Build());
        engine.AddElements(new("l"), [TestData.Plain([1], 1)]);
        engine.AddElements(new("r"), [TestData.Plain([2], 2)]);
        Assert.Equal(2, engine.CommittedElementCount(new("all")));

        // stages are served in topological (declaration) order
        var viaFlatten = TestData.Ready(engine);
        Assert.Equal(new StageId("viaFlatten"), viaFlatten.Stage);
        var fused = TestData.Ready(engine);
        Assert.Equal(new StageId("fused"), fused.Stage);
        Assert.Equal(["pl:01", "pr:02"], fused.Inputs.Select(static i => $"{i.PCollection}:{string.Concat(i.Elements.Select(static e => Convert.ToHexString(e.Bytes.Span)))}"));
        Assert.Equal("0102", string.Concat(viaFlatten.Inputs[0].Elements.Select(static e => Convert.ToHexString(e.Bytes.Span))));
    }

    [Fact]
    public void Impulse_emits_once_and_its_watermark_is_the_max()
    {
        var engine = new JobEngine(new StageGraphBuilder()
            .AddImpulse(new("impulse"), new("imp"))
            .AddSdkStage(new("read"), [new("imp")], [new("out")])
            .Build());
        Assert.Equal(Max, engine.Watermark(new("imp")));
        Assert.Equal(1, engine.CommittedElementCount(new("imp")));
        // the impulse element (at the min timestamp) holds the consumer
        Assert.Equal(Max, engine.InputWatermark(new("read")));
        Assert.Equal(Min, engine.OutputWatermark(new("read")));
        var bundle = TestData.Ready(engine);
        var element = Assert.Single(bundle.Inputs[0].Elements);
        Assert.Equal(("00", Min, PaneInfo.NoFiring, false), (Convert.ToHexString(element.Bytes.Span), element.TimestampMillis, element.Pane, element.IsKeyed));
        engine.CommitBundle(bundle.Id, TestData.Outputs(("out", [TestData.Plain([9], 42)])));
        Assert.Equal(Max, engine.Watermark(new("out")));
        Assert.Equal(1, engine.CommittedElementCount(new("out")));
        Assert.Equal(NextBundleKind.Done, engine.GetNextBundle().Kind);
    }

    [Fact]
    public void Watermarks_never_go_back_and_an_external_input_refuses_to()
    {
        var engine = new JobEngine(new StageGraphBuilder()
            .AddExternalInput(new("src"), new("p0"))
            .AddSdkStage(new("a"), [new("p0")], [])
            .Build());
        engine.AdvanceWatermark(new("src"), 100);
        // a late element (behind the watermark) does not pull the output watermark back
        engine.AddElements(new("src"), [TestData.Plain([1], 10)]);
        Assert.Equal(100, engine.OutputWatermark(new("a")));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => engine.AdvanceWatermark(new("src"), 99));
        Assert.Contains("external input 'src': watermark cannot go back", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GroupByKey_holds_show_in_the_output_watermark_until_the_pane_fires()
    {
        var harness = new GroupByKeyHarness(new WindowingStrategy { TimestampCombiner = TimestampCombiner.Earliest });
        harness.Add(TestData.Kv(1, 0, 12, GroupByKeyHarness.W(10, 20)), TestData.Kv(2, 0, 14, GroupByKeyHarness.W(10, 20)));
        harness.Advance(15);
        // two holds (12 and 14): the output watermark is held at the smaller
        Assert.Equal(15, harness.Engine.InputWatermark(GroupByKeyHarness.Gbk));
        Assert.Equal(12, harness.Engine.OutputWatermark(GroupByKeyHarness.Gbk));
        Assert.Contains("holds=[1970-01-01T00:00:00.012Z, 1970-01-01T00:00:00.014Z]", harness.Engine.DumpState(), StringComparison.Ordinal);
        harness.Advance(20);
        Assert.Equal(20, harness.Engine.OutputWatermark(GroupByKeyHarness.Gbk));
        Assert.Contains("holds=[none]", harness.Engine.DumpState(), StringComparison.Ordinal);
        Assert.Equal([12L, 14L], harness.Drain().Select(static e => e.TimestampMillis));
    }
}
