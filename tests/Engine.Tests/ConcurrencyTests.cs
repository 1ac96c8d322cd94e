using BeamConformance.Model;

namespace BeamConformance.Engine.Tests;

public sealed class ConcurrencyTests
{
    [Theory]
    // workers, elements, max bundle size
    [InlineData(1, 500, 7)]
    [InlineData(4, 2_000, 13)]
    [InlineData(8, 3_000, 1)]
    public async Task Several_workers_pulling_and_committing_bundles_lose_nothing(int workers, int elements, int maxBundleSize)
    {
        var ct = TestContext.Current.CancellationToken;
        var engine = new JobEngine(
            new StageGraphBuilder()
                .AddExternalInput(new("src"), new("p0"))
                .AddSdkStage(new("a"), [new("p0")], [new("p1")])
                .AddGroupByKey(new("gbk"), new("p1"), new("p2"), WindowingStrategy.Default)
                .AddSdkStage(new("sink"), [new("p2")], [])
                .Build(),
            new EngineOptions { MaxBundleSize = maxBundleSize });
        engine.AddElements(new("src"), Enumerable.Range(0, elements).Select(static i => TestData.Plain(BitConverter.GetBytes(i), i)));
        engine.AdvanceWatermark(new("src"), BeamTime.MaxTimestampMillis);
        var groupedValues = 0L;

        async Task Worker()
        {
            while (true)
            {
                var next = await engine.NextBundleAsync(ct).WaitAsync(TimeSpan.FromSeconds(30), ct);
                if (next.Kind != NextBundleKind.Ready)
                {
                    Assert.Equal(NextBundleKind.Done, next.Kind);
                    return;
                }

                var bundle = next.Bundle!;
                await Task.Yield();
                if (bundle.Stage.Value == "a")
                {
                    var outputs = bundle.Inputs[0].Elements
                        .Select(static e => Element.Keyed([(byte)(BitConverter.ToInt32(e.Bytes.Span) % 3)], e.Bytes.Span, e.TimestampMillis, e.Window, PaneInfo.NoFiring))
                        .ToArray();
                    engine.CommitBundle(bundle.Id, TestData.Outputs(("p1", outputs)));
                }
                else
                {
                    foreach (var grouped in bundle.Inputs[0].Elements)
                    {
                        Interlocked.Add(ref groupedValues, TestData.GroupedCount(grouped));
                    }

                    engine.CommitBundle(bundle.Id, BundleResult.Empty);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(Worker, ct)));

        Assert.Equal(JobStatus.Done, engine.Status);
        Assert.Equal(elements, engine.CommittedElementCount(new("p1")));
        Assert.Equal(3, engine.CommittedElementCount(new("p2")));
        Assert.Equal(elements, groupedValues);
    }

    [Fact]
    public void Injecting_after_the_job_ended_is_refused()
    {
        var engine = new JobEngine(new StageGraphBuilder().AddExternalInput(new("src"), new("p")).Build());
        engine.AdvanceWatermark(new("src"), BeamTime.MaxTimestampMillis);
        Assert.Equal(JobStatus.Done, engine.Status);
        var error = Assert.Throws<InvalidOperationException>(() => engine.AddElements(new("src"), [TestData.Plain([1], 1)]));
        Assert.Equal("external input 'src': the job already ended (Done); no elements can be added", error.Message);
    }
}
