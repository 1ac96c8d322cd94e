using BeamConformance.Model.Windows;

namespace BeamConformance.Engine.Tests;

/// <summary>external input "src" → GroupByKey "gbk" → SDK stage "sink": inject, advance, and collect what the GroupByKey emitted.</summary>
internal sealed class GroupByKeyHarness
{
    public static readonly StageId Source = new("src");
    public static readonly StageId Gbk = new("gbk");
    public static readonly StageId Sink = new("sink");

    public GroupByKeyHarness(WindowingStrategy strategy, EngineOptions? options = null)
    {
        var graph = new StageGraphBuilder()
            .AddExternalInput(Source, new("in"))
            .AddGroupByKey(Gbk, new("in"), new("out"), strategy)
            .AddSdkStage(Sink, [new("out")], [])
            .Build();
        Engine = new JobEngine(graph, options);
    }

    public JobEngine Engine { get; }

    public GroupByKeyHarness Add(params Element[] elements)
    {
        Engine.AddElements(Source, elements);
        return this;
    }

    public GroupByKeyHarness Advance(long watermarkMillis)
    {
        Engine.AdvanceWatermark(Source, watermarkMillis);
        return this;
    }

    /// <summary>Runs every ready sink bundle (committing nothing) and returns the GroupByKey outputs they carried, in order.</summary>
    public List<Element> Drain()
    {
        var outputs = new List<Element>();
        while (Engine.GetNextBundle() is { Kind: NextBundleKind.Ready, Bundle: { } bundle })
        {
            outputs.AddRange(bundle.Inputs[0].Elements);
            Engine.CommitBundle(bundle.Id, BundleResult.Empty);
        }

        return outputs;
    }

    /// <summary>Each output as "window|key hex|values hex|timestamp|pane".</summary>
    public static string Describe(Element e)
    {
        var (key, values) = TestData.Grouped(e);
        return $"{e.Window}|{key}|{Convert.ToHexString(values)}|{e.TimestampMillis}|{e.Pane}";
    }

    public static IntervalWindow W(long start, long end) => new(start, end);
}
