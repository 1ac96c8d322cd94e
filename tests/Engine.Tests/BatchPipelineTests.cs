using BeamConformance.Model;
using BeamConformance.Model.Windows;

namespace BeamConformance.Engine.Tests;

/// <summary>The shape of a real SDK batch pipeline: two Impulses, a GroupByKey read as a side input by another branch.</summary>
public sealed class BatchPipelineTests
{
    [Fact]
    public void Grouped_side_input_is_complete_before_the_main_branch_runs()
    {
        var engine = new JobEngine(new StageGraphBuilder()
            .AddImpulse(new("impulse-side"), new("imp1"))
            .AddImpulse(new("impulse-main"), new("imp2"))
            .AddSdkStage(new("create"), [new("imp1")], [new("kvs")])
            .AddGroupByKey(new("gbk"), new("kvs"), new("view"), WindowingStrategy.Default)
            .AddSdkStage(new("main"), [new("imp2")], [new("out")], [new SideInput(new("view"))])
            .Build());
        var order = new List<string>();

        // the main branch is held back: its side input is not complete
        var create = TestData.Ready(engine);
        order.Add(create.Stage.Value);
        Assert.Equal(NextBundleKind.WaitForCommit, engine.GetNextBundle().Kind);
        engine.CommitBundle(create.Id, TestData.Outputs(("kvs", [TestData.Kv(2, 20, 0), TestData.Kv(1, 10, 0), TestData.Kv(2, 21, 0)])));

        // the GroupByKey fired at the end of input: the side input is complete, main may run
        Assert.Equal(BeamTime.MaxTimestampMillis, engine.Watermark(new("view")));
        var main = TestData.Ready(engine);
        order.Add(main.Stage.Value);
        Assert.Equal(["0200000002" + "1415", "0100000001" + "0A"], engine.GetIterableSideInput(new("view"), GlobalWindow.Instance).Select(static b => Convert.ToHexString(b.Span)));
        Assert.Equal(["0000000214 15".Replace(" ", "", StringComparison.Ordinal)], engine.GetMultimapSideInput(new("view"), GlobalWindow.Instance, new byte[] { 2 }).Select(static b => Convert.ToHexString(b.Span)));
        engine.CommitBundle(main.Id, TestData.Outputs(("out", [TestData.Plain([7], BeamTime.MinTimestampMillis)])));

        Assert.Equal(["create", "main"], order);
        Assert.Equal(NextBundleKind.Done, engine.GetNextBundle().Kind);
        Assert.Equal((1L, 3L, 2L, 1L), (engine.CommittedElementCount(new("imp2")), engine.CommittedElementCount(new("kvs")), engine.CommittedElementCount(new("view")), engine.CommittedElementCount(new("out"))));
    }
}
