using BeamConformance.Model;

namespace BeamConformance.Engine.Tests;

/// <summary>Channel-split residuals: the unprocessed elements of a committed bundle go back to the stage's input.</summary>
public sealed class ResidualTests
{
    [Fact]
    public void A_residual_is_issued_again_next_still_holding_the_watermark_and_every_element_is_committed_once()
    {
        var engine = new JobEngine(
            new StageGraphBuilder()
                .AddExternalInput(new("src"), new("p0"))
                .AddSdkStage(new("a"), [new("p0")], [new("p1")])
                .Build(),
            new EngineOptions { MaxBundleSize = 4 });
        engine.AddElements(new("src"), [TestData.Plain([1], 10), TestData.Plain([2], 20), TestData.Plain([3], 30), TestData.Plain([4], 40), TestData.Plain([5], 50)]);
        engine.AdvanceWatermark(new("src"), BeamTime.MaxTimestampMillis);
        var seen = new List<string>();

        // First bundle 01..04: the SDK processed 01 and 02; 03 and 04 are the residual.
        var first = TestData.Ready(engine);
        seen.Add(Hex(first));
        engine.CommitBundle(first.Id, TestData.Outputs(("p1", first.Inputs[0].Elements.Take(2).ToArray())) with
        {
            FirstResidualElements = new Dictionary<PCollectionId, int> { [new("p0")] = 2 },
        });
        Assert.Equal(30, engine.OutputWatermark(new("a"))); // the residual's 03 (at 30 ms) holds the stage
        while (engine.GetNextBundle() is { Kind: NextBundleKind.Ready, Bundle: { } bundle })
        {
            seen.Add(Hex(bundle));
            engine.CommitBundle(bundle.Id, TestData.Outputs(("p1", bundle.Inputs[0].Elements.ToArray())));
        }

        Assert.Equal(["01020304", "0304", "05"], seen);
        Assert.Equal(JobStatus.Done, engine.Status);
        Assert.Equal(5, engine.CommittedElementCount(new("p1")));
    }

    [Theory]
    // One past the last element of the input: the SDK processed everything, nothing returns.
    [InlineData(2, null)]
    [InlineData(3, "bundle bundle-1 of stage 'a' returned a residual of 'p0' from element 3, outside the bundle's 2 elements of that input")]
    [InlineData(-1, "bundle bundle-1 of stage 'a' returned a residual of 'p0' from element -1, outside the bundle's 2 elements of that input")]
    public void A_residual_index_outside_the_bundle_is_refused_before_anything_is_applied(int first, string? error)
    {
        var engine = new JobEngine(new StageGraphBuilder().AddExternalInput(new("src"), new("p0")).AddSdkStage(new("a"), [new("p0")], [new("p1")]).Build());
        engine.AddElements(new("src"), [TestData.Plain([1], 1), TestData.Plain([2], 2)]);
        var bundle = TestData.Ready(engine);
        var result = TestData.Outputs(("p1", bundle.Inputs[0].Elements.ToArray())) with { FirstResidualElements = new Dictionary<PCollectionId, int> { [new("p0")] = first } };

        if (error is null)
        {
            engine.CommitBundle(bundle.Id, result);
            Assert.Equal(2, engine.CommittedElementCount(new("p1")));
            return;
        }

        Assert.Equal(error + " (Parameter 'result')", Assert.Throws<ArgumentException>(() => engine.CommitBundle(bundle.Id, result)).Message);
        Assert.Equal(0, engine.CommittedElementCount(new("p1")));
    }

    private static string Hex(Bundle bundle) => string.Concat(bundle.Inputs[0].Elements.Select(static e => Convert.ToHexString(e.Bytes.Span)));
}
