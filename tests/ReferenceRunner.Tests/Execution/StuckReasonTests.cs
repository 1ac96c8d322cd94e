using BeamConformance.Engine;
using BeamConformance.ReferenceRunner.Execution.Internal;

namespace BeamConformance.ReferenceRunner.Tests.Execution;

public sealed class StuckReasonTests
{
    /// <summary>
    /// A real stuck engine (an external input whose watermark never reaches the end) gives the job's failure reason: the
    /// engine's dump, with "ReferenceRunner bug:" said once at its start.
    /// </summary>
    [Fact]
    public void Stuck_job_reason_is_the_engine_dump_with_one_bug_prefix()
    {
        var engine = new JobEngine(new StageGraphBuilder()
            .AddExternalInput(new("src"), new("p"))
            .AddSdkStage(new("a"), [new("p")], [])
            .Build());
        engine.AdvanceWatermark(new("src"), 7);

        var next = engine.GetNextBundle();
        var reason = JobRun.StuckReason(next);

        Assert.Equal(NextBundleKind.Stuck, next.Kind);
        Assert.StartsWith("ReferenceRunner bug: the job is stuck: no bundle is in flight", reason, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(reason, "ReferenceRunner bug:"));
        Assert.Contains("stage 'src' (ExternalInput): input watermark=1970-01-01T00:00:00.007Z", reason, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
