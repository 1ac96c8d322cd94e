using BeamConformance.Model;

namespace BeamConformance.Engine.Tests;

/// <summary>Self-checkpoints: a residual root with a delay waits on the job's processing-time clock, holding the watermark.</summary>
public sealed class CheckpointTests
{
    [Fact]
    public void A_delayed_residual_runs_only_once_its_delay_has_passed_and_holds_the_output_watermark_until_processed()
    {
        var clock = new ManualClock(1_000);
        var engine = new JobEngine(
            new StageGraphBuilder().AddImpulse(new("impulse"), new("p0")).AddSdkStage(new("a"), [new("p0")], [new("p1")]).Build(),
            new EngineOptions { TimeProvider = clock });

        // The Impulse's bundle checkpoints: its rest (AA) asks to resume 500 ms later, holding the output watermark at 12 ms.
        var first = TestData.Ready(engine);
        engine.CommitBundle(first.Id, TestData.Outputs(("p1", [first.Inputs[0].Elements[0]])) with
        {
            ResidualRoots = [new ResidualRoot(new("p0"), TestData.Plain([0xAA], BeamTime.MinTimestampMillis), 12) { DelayMillis = 500 }],
        });

        Assert.Equal(12, engine.OutputWatermark(new("a")));
        Assert.Equal(NextBundleKind.WaitForCommit, engine.GetNextBundle().Kind); // work to come, not stuck

        clock.NowMillis = 1_499; // one ms early
        engine.RefreshProcessingTime();
        Assert.Equal(NextBundleKind.WaitForCommit, engine.GetNextBundle().Kind);

        clock.NowMillis = 1_500;
        engine.RefreshProcessingTime();
        var resumed = TestData.Ready(engine);
        Assert.Equal("AA", Convert.ToHexString(resumed.Inputs[0].Elements[0].Bytes.Span));
        Assert.Equal(12, engine.OutputWatermark(new("a")));

        engine.CommitBundle(resumed.Id, TestData.Outputs(("p1", [resumed.Inputs[0].Elements[0]])));
        Assert.Equal(JobStatus.Done, engine.Status);
        Assert.Equal(2, engine.CommittedElementCount(new("p1")));
    }

    [Fact]
    public void In_a_drained_job_a_delayed_residual_runs_next_without_waiting_for_its_delay()
    {
        var clock = new ManualClock(1_000);
        var engine = new JobEngine(
            new StageGraphBuilder().AddImpulse(new("impulse"), new("p0")).AddSdkStage(new("a"), [new("p0")], [new("p1")]).Build(),
            new EngineOptions { TimeProvider = clock, Drain = true });

        var first = TestData.Ready(engine);
        engine.CommitBundle(first.Id, TestData.Outputs(("p1", [first.Inputs[0].Elements[0]])) with
        {
            ResidualRoots = [new ResidualRoot(new("p0"), TestData.Plain([0xAA], BeamTime.MinTimestampMillis), 12) { DelayMillis = 600_000 }],
        });

        // The clock has not moved: the residual is issued at once, its hold still in force until it commits.
        Assert.Equal(12, engine.OutputWatermark(new("a")));
        var resumed = TestData.Ready(engine);
        Assert.Equal("AA", Convert.ToHexString(resumed.Inputs[0].Elements[0].Bytes.Span));

        engine.CommitBundle(resumed.Id, TestData.Outputs(("p1", [resumed.Inputs[0].Elements[0]])));
        Assert.Equal(JobStatus.Done, engine.Status);
        Assert.Equal(2, engine.CommittedElementCount(new("p1")));
    }

    [Fact]
    public void Under_a_TestStream_a_delayed_residual_is_the_drivers_cue_and_runs_once_the_virtual_clock_reaches_it()
    {
        var clock = new VirtualClock();
        var engine = new JobEngine(
            new StageGraphBuilder().AddExternalInput(new("src"), new("p0")).AddSdkStage(new("a"), [new("p0")], [new("p1")]).Build(),
            new EngineOptions { TimeProvider = clock, Mode = ExecutionMode.Streaming });
        engine.AddElements(new("src"), [TestData.Plain([0x01], 0)]);

        var first = TestData.Ready(engine);
        engine.CommitBundle(first.Id, TestData.Outputs(("p1", [first.Inputs[0].Elements[0]])) with
        {
            ResidualRoots = [new ResidualRoot(new("p0"), TestData.Plain([0xAA], 0), 1_000) { DelayMillis = 60_000 }],
        });

        // Nothing runs until the TestStream moves the clock: the driver's cue (Stuck), not a wait on a clock that stands still.
        Assert.Equal(NextBundleKind.Stuck, engine.GetNextBundle().Kind);
        Assert.Equal(BeamTime.MinTimestampMillis, engine.OutputWatermark(new("a")));

        clock.Advance(60_000);
        engine.RefreshProcessingTime();
        var resumed = TestData.Ready(engine);
        Assert.Equal("AA", Convert.ToHexString(resumed.Inputs[0].Elements[0].Bytes.Span));
    }
}
