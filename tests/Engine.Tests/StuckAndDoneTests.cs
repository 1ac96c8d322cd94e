using BeamConformance.Model;
using BeamConformance.Model.Windowing;

namespace BeamConformance.Engine.Tests;

public sealed class StuckAndDoneTests
{
    [Fact]
    public void Stuck_job_dumps_every_stage_watermarks_pending_elements_and_holds()
    {
        var engine = new JobEngine(new StageGraphBuilder()
            .AddExternalInput(new("main"), new("pm"))
            .AddExternalInput(new("side"), new("ps"))
            .AddSdkStage(new("consumer"), [new("pm")], [new("kvs")], [new SideInput(new("ps"))])
            .AddGroupByKey(new("gbk"), new("kvs"), new("grouped"), new WindowingStrategy { TimestampCombiner = TimestampCombiner.Earliest })
            .Build());
        engine.AddElements(new("main"), [TestData.Plain([1], 5)]);
        engine.AdvanceWatermark(new("main"), BeamTime.MaxTimestampMillis);
        engine.AdvanceWatermark(new("side"), 7);

        var next = engine.GetNextBundle();

        Assert.Equal(NextBundleKind.Stuck, next.Kind);
        Assert.Null(next.Bundle);
        Assert.Equal(
            """
            ReferenceRunner bug: the job is stuck: no bundle is in flight, none is ready, and not every watermark has reached MAX_TIMESTAMP
            mode=Streaming, status=Running, bundles in flight=0
            stage 'main' (ExternalInput): input watermark=MAX_TIMESTAMP, output watermark=MAX_TIMESTAMP, pending elements=0, holds=[none]
              pcollection 'pm': watermark=MAX_TIMESTAMP, committed elements=1
            stage 'side' (ExternalInput): input watermark=1970-01-01T00:00:00.007Z, output watermark=1970-01-01T00:00:00.007Z, pending elements=0, holds=[none]
              pcollection 'ps': watermark=1970-01-01T00:00:00.007Z, committed elements=0
            stage 'consumer' (Sdk): input watermark=MAX_TIMESTAMP, output watermark=1970-01-01T00:00:00.005Z, pending elements=1, holds=[none], queued=1, in-flight bundles=0, bundles to retry=0, pending timestamps=[1970-01-01T00:00:00.005Z], side input 'ps' watermark=1970-01-01T00:00:00.007Z (NOT complete: main input waits)
              pcollection 'kvs': watermark=1970-01-01T00:00:00.005Z, committed elements=0
            stage 'gbk' (GroupByKey): input watermark=1970-01-01T00:00:00.005Z, output watermark=1970-01-01T00:00:00.005Z, pending elements=0, holds=[none], keys=0, active windows=0, buffered values=0, dropped late=0, next timer=none
              pcollection 'grouped': watermark=1970-01-01T00:00:00.005Z, committed elements=0

            """.ReplaceLineEndings("\n"),
            next.Message);
    }

    [Fact]
    public void Stuck_is_not_reported_while_a_bundle_is_in_flight()
    {
        var engine = new JobEngine(new StageGraphBuilder()
            .AddExternalInput(new("src"), new("p"))
            .AddSdkStage(new("a"), [new("p")], [])
            .Build());
        engine.AddElements(new("src"), [TestData.Plain([1], 5)]);
        var bundle = TestData.Ready(engine);
        Assert.Equal(NextBundleKind.WaitForCommit, engine.GetNextBundle().Kind);
        engine.CommitBundle(bundle.Id, BundleResult.Empty);
        Assert.Equal(NextBundleKind.Stuck, engine.GetNextBundle().Kind); // the source never ended
    }

    public static TheoryData<string, bool> DoneRows => new()
    {
        // every watermark at the max, nothing pending
        { "all-committed", true },
        // source ended but the SDK stage's element is still queued
        { "queued", false },
        // the bundle is handed out but not committed
        { "in-flight", false },
        // the source never ended
        { "source-open", false },
    };

    [Theory]
    [MemberData(nameof(DoneRows))]
    public void Job_is_done_only_when_every_watermark_is_max_and_nothing_is_pending(string situation, bool done)
    {
        var engine = new JobEngine(new StageGraphBuilder()
            .AddExternalInput(new("src"), new("p"))
            .AddSdkStage(new("a"), [new("p")], [])
            .Build());
        engine.AddElements(new("src"), [TestData.Plain([1], 5)]);
        if (situation != "source-open")
        {
            engine.AdvanceWatermark(new("src"), BeamTime.MaxTimestampMillis);
        }

        if (situation is "in-flight" or "all-committed" or "source-open")
        {
            var bundle = TestData.Ready(engine);
            if (situation is "all-committed" or "source-open")
            {
                engine.CommitBundle(bundle.Id, BundleResult.Empty);
            }
        }

        Assert.Equal(done ? JobStatus.Done : JobStatus.Running, engine.Status);
        Assert.Equal(done, engine.GetNextBundle().Kind == NextBundleKind.Done);
    }
}
