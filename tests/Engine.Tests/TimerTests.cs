using BeamConformance.Model;

namespace BeamConformance.Engine.Tests;

/// <summary>User timers as the engine sees them: a stage's reported summary holds its output watermark and makes bundles without elements when due.</summary>
public sealed class TimerTests
{
    [Fact]
    public void An_event_time_timer_holds_the_output_and_gets_an_empty_bundle_once_the_input_watermark_is_strictly_past_it()
    {
        var engine = Engine(new ManualClock(0));
        engine.AddElements(new("src"), [TestData.Plain([1], 10)]);
        var first = TestData.Ready(engine);
        engine.CommitBundle(first.Id, BundleResult.Empty with { Timers = new TimerSummary(1, 100, long.MaxValue, [90]) });

        engine.AdvanceWatermark(new("src"), 100);
        Assert.Equal(NextBundleKind.Stuck, engine.GetNextBundle().Kind); // 100 is not after 100
        Assert.Equal(90, engine.OutputWatermark(new("a"))); // held at the output timestamp, not the input's 100

        engine.AdvanceWatermark(new("src"), 101);
        var fire = TestData.Ready(engine);
        Assert.Equal(0, fire.ElementCount);
        Assert.Equal(101, fire.InputWatermarkMillis);
        Assert.Equal(90, engine.OutputWatermark(new("a")));

        engine.CommitBundle(fire.Id, BundleResult.Empty with { Timers = TimerSummary.None });
        Assert.Equal(101, engine.OutputWatermark(new("a")));
        Assert.Equal(NextBundleKind.Stuck, engine.GetNextBundle().Kind);
    }

    [Fact]
    public void A_processing_time_timer_is_due_strictly_after_its_time_and_the_engine_wakes_up_for_it()
    {
        var clock = new ManualClock(1_000);
        var engine = Engine(clock);
        engine.AddElements(new("src"), [TestData.Plain([1], 10)]);
        var first = TestData.Ready(engine);
        engine.CommitBundle(first.Id, BundleResult.Empty with { Timers = new TimerSummary(1, long.MaxValue, 1_500, [10]) });
        Assert.Contains(TimeSpan.FromMilliseconds(501), clock.TimersCreated);

        clock.NowMillis = 1_500;
        engine.RefreshProcessingTime();
        Assert.NotEqual(NextBundleKind.Ready, engine.GetNextBundle().Kind);

        clock.NowMillis = 1_501;
        engine.RefreshProcessingTime();
        var fire = TestData.Ready(engine);
        Assert.Equal(1_501, fire.ProcessingTimeMillis);
    }

    [Fact]
    public void Timers_left_when_the_input_ends_get_one_last_bundle_and_the_job_ends_only_after_it()
    {
        var engine = Engine(new ManualClock(0));
        engine.AddElements(new("src"), [TestData.Plain([1], 10)]);
        var first = TestData.Ready(engine);
        engine.CommitBundle(first.Id, BundleResult.Empty with { Timers = new TimerSummary(1, long.MaxValue, 5_000, [10]) });
        engine.AdvanceWatermark(new("src"), BeamTime.MaxTimestampMillis);

        var last = TestData.Ready(engine);
        Assert.Equal(JobStatus.Running, engine.Status);
        engine.CommitBundle(last.Id, BundleResult.Empty with { Timers = TimerSummary.None });
        Assert.Equal(JobStatus.Done, engine.Status);
    }

    private static JobEngine Engine(ManualClock clock) => new(
        new StageGraphBuilder().AddExternalInput(new("src"), new("p0")).AddSdkStage(new("a"), [new("p0")], [new("p1")]).Build(),
        new EngineOptions { TimeProvider = clock });
}
