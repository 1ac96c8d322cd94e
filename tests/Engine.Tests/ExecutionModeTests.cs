using BeamConformance.Model;
using BeamConformance.Model.Windowing;
using BeamConformance.Model.Windows;
using static BeamConformance.Engine.Tests.GroupByKeyHarness;

namespace BeamConformance.Engine.Tests;

/// <summary>
/// The pipeline of a TypeScript SDK user: Impulse → create (SDK) → reshuffle (a GroupByKey in the global window,
/// output at the end of the global window) → stamp (SDK: assigns event times behind that, windows [0,10) and [10,20))
/// → gbk (fixed 10 ms windows) → sink. Batch groups it; streaming drops it as late and says so.
/// </summary>
public sealed class ExecutionModeTests
{
    private const long Min = BeamTime.MinTimestampMillis;
    private const long Max = BeamTime.MaxTimestampMillis;
    private const long EndOfGlobal = BeamTime.EndOfGlobalWindowMillis;
    private static readonly PaneInfo OnlyPane = new(true, true, PaneTiming.OnTime, 0, 0);

    public static TheoryData<TimestampCombiner, long, string[]> BatchRows => new()
    {
        // default strategy: each key and window gets one ON_TIME pane, first and last, at the window's max timestamp
        { TimestampCombiner.EndOfWindow, 0, [$"{W(0, 10)}|01|0305|9|{OnlyPane}", $"{W(10, 20)}|02|07|19|{OnlyPane}"] },
        // EARLIEST: the pane is stamped with the earliest element timestamp of the key and window
        { TimestampCombiner.Earliest, 0, [$"{W(0, 10)}|01|0305|3|{OnlyPane}", $"{W(10, 20)}|02|07|12|{OnlyPane}"] },
        // LATEST
        { TimestampCombiner.Latest, 0, [$"{W(0, 10)}|01|0305|5|{OnlyPane}", $"{W(10, 20)}|02|07|12|{OnlyPane}"] },
        // allowed lateness changes nothing in batch: the on-time pane is still the only one, and last
        { TimestampCombiner.EndOfWindow, 100, [$"{W(0, 10)}|01|0305|9|{OnlyPane}", $"{W(10, 20)}|02|07|19|{OnlyPane}"] },
    };

    [Theory]
    [MemberData(nameof(BatchRows))]
    public void Batch_groups_elements_moved_back_behind_the_reshuffle(TimestampCombiner combiner, long latenessMillis, string[] expected)
    {
        var run = new BackDatedRun(ExecutionMode.Batch, new WindowingStrategy { TimestampCombiner = combiner, AllowedLatenessMillis = latenessMillis });
        var grouped = run.Run();
        Assert.Equal(expected, grouped.Select(Describe));
        Assert.Empty(run.Engine.LateDataDrops());
        Assert.Equal((0L, 0L), (run.Engine.DroppedLateElementCount(new("gbk")), run.Engine.DroppedDueToLatenessCount(new("gbk"))));
        Assert.Equal(JobStatus.Done, run.Engine.Status);
    }

    [Fact]
    public void Batch_watermark_stays_at_the_minimum_until_the_producer_finished_then_jumps_to_the_maximum()
    {
        var run = new BackDatedRun(ExecutionMode.Batch, WindowingStrategy.Default);
        // (shuffled, stamped) watermarks when the stamp bundle is handed out, and after it committed
        Assert.Equal((Max, Min), run.WatermarksAroundStamp.Before);
        Assert.Equal((Max, Max), run.WatermarksAroundStamp.After);
    }

    [Fact]
    public void Streaming_drops_the_back_dated_elements_and_counts_them_per_window()
    {
        var run = new BackDatedRun(ExecutionMode.Streaming, WindowingStrategy.Default);
        Assert.Empty(run.Run());
        // the reshuffle's output holds the stamp stage at the end of the global window: the GroupByKey's input
        // watermark is already there when the back-dated elements arrive
        Assert.Equal((Max, EndOfGlobal), run.WatermarksAroundStamp.Before);
        Assert.Equal(
            [new LateDataDrop(new("gbk"), W(0, 10), 2, EndOfGlobal), new LateDataDrop(new("gbk"), W(10, 20), 1, EndOfGlobal)],
            run.Engine.LateDataDrops());
        Assert.Equal((3L, 3L, 0L), (run.Engine.DroppedLateElementCount(new("gbk")), run.Engine.DroppedDueToLatenessCount(new("gbk")), run.Engine.DroppedDueToLatenessCount(new("reshuffle"))));
        Assert.Equal(JobStatus.Done, run.Engine.Status);
    }

    [Theory]
    [InlineData(ExecutionMode.Batch)]
    [InlineData(ExecutionMode.Streaming)]
    public void The_stage_that_moved_timestamps_back_is_recorded_once_in_either_mode(ExecutionMode mode)
    {
        var run = new BackDatedRun(mode, WindowingStrategy.Default);
        run.Run();
        Assert.Equal([new TimestampRegression(new("stamp"), new("stamped"), EndOfGlobal, 3)], run.Engine.TimestampRegressions());
        Assert.Equal(mode, run.Engine.Mode);
    }

    [Fact]
    public void Outputs_at_or_after_the_bundles_earliest_input_are_no_regression()
    {
        var engine = new JobEngine(
            new StageGraphBuilder().AddImpulse(new("impulse"), new("imp")).AddSdkStage(new("a"), [new("imp")], [new("p")]).AddSdkStage(new("b"), [new("p")], [new("q")]).Build(),
            new EngineOptions { Mode = ExecutionMode.Batch });
        engine.CommitBundle(TestData.Ready(engine).Id, TestData.Outputs(("p", [TestData.Plain([1], 50), TestData.Plain([2], 40)])));
        // b's bundle holds inputs at 40 and 50: an output at 40 is not behind every input
        engine.CommitBundle(TestData.Ready(engine).Id, TestData.Outputs(("q", [TestData.Plain([3], 40)])));
        Assert.Empty(engine.TimestampRegressions());
        Assert.Equal(JobStatus.Done, engine.Status);
    }

    /// <summary>Runs the back-dated pipeline to the end, one bundle at a time, and keeps what the sink got.</summary>
    private sealed class BackDatedRun
    {
        public BackDatedRun(ExecutionMode mode, WindowingStrategy strategy)
        {
            Engine = new JobEngine(
                new StageGraphBuilder()
                    .AddImpulse(new("impulse"), new("imp"))
                    .AddSdkStage(new("create"), [new("imp")], [new("kvs")])
                    .AddGroupByKey(new("reshuffle"), new("kvs"), new("shuffled"), WindowingStrategy.Default)
                    .AddSdkStage(new("stamp"), [new("shuffled")], [new("stamped")])
                    .AddGroupByKey(new("gbk"), new("stamped"), new("grouped"), strategy)
                    .AddSdkStage(new("sink"), [new("grouped")], [])
                    .Build(),
                new EngineOptions { Mode = mode });
            Grouped = Drive();
        }

        public JobEngine Engine { get; }

        public ((long, long) Before, (long, long) After) WatermarksAroundStamp { get; private set; }

        private List<Element> Grouped { get; }

        public List<Element> Run() => Grouped;

        private List<Element> Drive()
        {
            var grouped = new List<Element>();
            while (Engine.GetNextBundle() is { Kind: NextBundleKind.Ready, Bundle: { } bundle })
            {
                switch (bundle.Stage.Value)
                {
                    case "create":
                        Engine.CommitBundle(bundle.Id, TestData.Outputs(("kvs", [TestData.Kv(9, 1, Min), TestData.Kv(9, 2, Min), TestData.Kv(9, 3, Min)])));
                        break;
                    case "stamp":
                        Assert.All(bundle.Inputs[0].Elements, static e => Assert.Equal(EndOfGlobal, e.TimestampMillis));
                        var before = Marks();
                        Engine.CommitBundle(bundle.Id, TestData.Outputs(("stamped", [TestData.Kv(1, 3, 3, W(0, 10)), TestData.Kv(1, 5, 5, W(0, 10)), TestData.Kv(2, 7, 12, W(10, 20))])));
                        WatermarksAroundStamp = (before, Marks());
                        break;
                    default:
                        grouped.AddRange(bundle.Inputs[0].Elements);
                        Engine.CommitBundle(bundle.Id, BundleResult.Empty);
                        break;
                }
            }

            return grouped;
        }

        private (long, long) Marks() => (Engine.Watermark(new("shuffled")), Engine.Watermark(new("stamped")));
    }
}
