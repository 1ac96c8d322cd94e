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

    [Fact]
    public void A_residual_root_is_issued_first_holding_the_output_watermark_at_its_hold_until_processed()
    {
        var engine = new JobEngine(
            new StageGraphBuilder().AddExternalInput(new("src"), new("p0")).AddSdkStage(new("a"), [new("p0")], [new("p1")]).Build(),
            new EngineOptions { MaxBundleSize = 2 });
        engine.AddElements(new("src"), [TestData.Plain([1], 10), TestData.Plain([2], 20), TestData.Plain([3], 30)]);
        engine.AdvanceWatermark(new("src"), BeamTime.MaxTimestampMillis);
        var seen = new List<string>();

        // Bundle 01 02: element 01 split (its rest is the root AA, held at 15 ms), 02 is the channel residual.
        var first = TestData.Ready(engine);
        seen.Add(Hex(first));
        engine.CommitBundle(first.Id, TestData.Outputs(("p1", [first.Inputs[0].Elements[0]])) with
        {
            FirstResidualElements = new Dictionary<PCollectionId, int> { [new("p0")] = 1 },
            ResidualRoots = [new ResidualRoot(new("p0"), TestData.Plain([0xAA], 10), 15)],
        });
        Assert.Equal(15, engine.OutputWatermark(new("a"))); // the root's hold, not its element's 10 ms

        while (engine.GetNextBundle() is { Kind: NextBundleKind.Ready, Bundle: { } bundle })
        {
            seen.Add(Hex(bundle));
            engine.CommitBundle(bundle.Id, TestData.Outputs(("p1", bundle.Inputs[0].Elements.ToArray())));
        }

        Assert.Equal(["0102", "AA02", "03"], seen);
        Assert.Equal(JobStatus.Done, engine.Status);
        Assert.Equal(4, engine.CommittedElementCount(new("p1")));
    }

    [Fact]
    public void A_residual_root_of_another_input_is_refused()
    {
        var engine = new JobEngine(new StageGraphBuilder().AddExternalInput(new("src"), new("p0")).AddSdkStage(new("a"), [new("p0")], [new("p1")]).Build());
        engine.AddElements(new("src"), [TestData.Plain([1], 1)]);
        var bundle = TestData.Ready(engine);
        var result = TestData.Outputs(("p1", [])) with { ResidualRoots = [new ResidualRoot(new("p1"), TestData.Plain([1], 1), 1)] };

        Assert.Equal(
            "bundle bundle-1 of stage 'a' returned a residual root of 'p1', which is not a main input of that stage (inputs: p0) (Parameter 'result')",
            Assert.Throws<ArgumentException>(() => engine.CommitBundle(bundle.Id, result)).Message);
    }

    private static string Hex(Bundle bundle) => string.Concat(bundle.Inputs[0].Elements.Select(static e => Convert.ToHexString(e.Bytes.Span)));
}
