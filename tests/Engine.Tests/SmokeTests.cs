using BeamConformance.Model;
using BeamConformance.Model.Windows;

namespace BeamConformance.Engine.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Impulse_ParDo_GroupByKey_ParDo_runs_to_done()
    {
        var graph = new StageGraphBuilder()
            .AddImpulse(new("impulse"), new("imp"))
            .AddSdkStage(new("make"), [new("imp")], [new("kvs")])
            .AddGroupByKey(new("gbk"), new("kvs"), new("grouped"), WindowingStrategy.Default)
            .AddSdkStage(new("sink"), [new("grouped")], [])
            .Build();
        var engine = new JobEngine(graph);

        var first = TestData.Ready(engine);
        Assert.Equal(new StageId("make"), first.Stage);
        var impulse = Assert.Single(first.Inputs[0].Elements);
        Assert.Equal(BeamTime.MinTimestampMillis, impulse.TimestampMillis);
        Assert.Equal(GlobalWindow.Instance, impulse.Window);
        Assert.Equal("00", Convert.ToHexString(impulse.Bytes.Span)); // the nested encoding of an empty byte array
        Assert.Equal(NextBundleKind.WaitForCommit, engine.GetNextBundle().Kind);

        engine.CommitBundle(first.Id, TestData.Outputs(("kvs", [TestData.Kv(1, 10, 5), TestData.Kv(2, 20, 6), TestData.Kv(1, 11, 7)])));

        var second = TestData.Ready(engine);
        Assert.Equal(new StageId("sink"), second.Stage);
        var grouped = second.Inputs[0].Elements.Select(TestData.Grouped).ToList();
        Assert.Equal(["01", "02"], grouped.Select(static g => g.Key));
        Assert.Equal([10, 11], grouped[0].Values);
        Assert.Equal(PaneInfo.OnTimeAndOnly, second.Inputs[0].Elements[0].Pane);
        Assert.Equal(BeamTime.EndOfGlobalWindowMillis, second.Inputs[0].Elements[0].TimestampMillis);
        engine.CommitBundle(second.Id, BundleResult.Empty);

        Assert.Equal(NextBundleKind.Done, engine.GetNextBundle().Kind);
        Assert.Equal(JobStatus.Done, engine.Status);
    }
}
