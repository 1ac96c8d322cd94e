using BeamConformance.Model;

namespace BeamConformance.Engine.Tests;

public sealed class BundleTests
{
    private static JobEngine Chain(int maxBundleSize) => new(
        new StageGraphBuilder()
            .AddExternalInput(new("src"), new("p0"))
            .AddSdkStage(new("a"), [new("p0")], [new("p1")])
            .AddGroupByKey(new("gbk"), new("p1"), new("p2"), WindowingStrategy.Default)
            .Build(),
        new EngineOptions { MaxBundleSize = maxBundleSize });

    public static TheoryData<int, int, int[]> SizeRows => new()
    {
        // 5 elements, at most 2 per bundle: 2, 2, 1
        { 5, 2, [2, 2, 1] },
        // at most 1: one element per bundle
        { 3, 1, [1, 1, 1] },
        // room for all: one bundle
        { 4, 1000, [4] },
    };

    [Theory]
    [MemberData(nameof(SizeRows))]
    public void Bundles_take_at_most_the_max_size_in_arrival_order(int elements, int maxBundleSize, int[] sizes)
    {
        var engine = Chain(maxBundleSize);
        engine.AddElements(new("src"), Enumerable.Range(0, elements).Select(static i => TestData.Plain([(byte)i], i)));
        var bundles = new List<Bundle>();
        while (engine.GetNextBundle() is { Kind: NextBundleKind.Ready, Bundle: { } bundle })
        {
            bundles.Add(bundle);
        }

        Assert.Equal(sizes, bundles.Select(static b => b.ElementCount));
        Assert.Equal(Enumerable.Range(1, sizes.Length).Select(static i => (long)i), bundles.Select(static b => b.Id.Value));
        Assert.Equal(Enumerable.Range(0, elements).Select(static i => (byte)i), bundles.SelectMany(static b => b.Inputs[0].Elements).Select(static e => e.Bytes.Span[0]));
    }

    [Fact]
    public void Same_calls_give_the_same_bundles()
    {
        static string Run()
        {
            var engine = Chain(2);
            var log = new List<string>();
            engine.AddElements(new("src"), [TestData.Plain([3], 3), TestData.Plain([1], 1), TestData.Plain([2], 2)]);
            engine.AdvanceWatermark(new("src"), BeamTime.MaxTimestampMillis);
            while (engine.GetNextBundle() is { Kind: NextBundleKind.Ready, Bundle: { } bundle })
            {
                log.Add($"{bundle.Id} {bundle.Stage} {string.Join(",", bundle.Inputs[0].Elements)}");
                var outputs = bundle.Inputs[0].Elements.Select(static e => TestData.Kv((byte)(e.Bytes.Span[0] % 2), e.Bytes.Span[0], e.TimestampMillis)).ToArray();
                engine.CommitBundle(bundle.Id, TestData.Outputs(("p1", outputs)));
            }

            return string.Join("\n", log) + "\n" + engine.DumpState();
        }

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void Failed_bundle_fails_the_job_and_drops_its_outputs()
    {
        var engine = Chain(10);
        engine.AddElements(new("src"), [TestData.Plain([1], 1)]);
        var bundle = TestData.Ready(engine);
        Assert.False(engine.FailBundle(bundle.Id, "DoFn threw"));
        Assert.Equal(JobStatus.Failed, engine.Status);
        var next = engine.GetNextBundle();
        Assert.Equal(NextBundleKind.Failed, next.Kind);
        Assert.Equal("bundle bundle-1 of stage 'a' failed: DoFn threw", next.Message);
        Assert.Equal(0, engine.CommittedElementCount(new("p1")));
    }

    public static TheoryData<int, int, JobStatus, string?> RetryRows => new()
    {
        // one attempt allowed (the default): the first failure fails the job
        { 1, 1, JobStatus.Failed, "bundle bundle-1 of stage 'a' failed: boom 1" },
        // three attempts, two failures: the third run commits and the job succeeds
        { 3, 2, JobStatus.Done, null },
        // three attempts, three failures: the job fails naming the attempt
        { 3, 3, JobStatus.Failed, "bundle bundle-3 of stage 'a' failed on attempt 3 of 3: boom 3" },
    };

    [Theory]
    [MemberData(nameof(RetryRows))]
    public void Failed_bundles_are_retried_with_the_same_elements_up_to_the_max_attempts(int maxAttempts, int failures, JobStatus status, string? reason)
    {
        var engine = new JobEngine(
            new StageGraphBuilder()
                .AddExternalInput(new("src"), new("p0"))
                .AddSdkStage(new("a"), [new("p0")], [new("p1")])
                .Build(),
            new EngineOptions { MaxBundleSize = 2, MaxBundleAttempts = maxAttempts });
        engine.AddElements(new("src"), [TestData.Plain([1], 1), TestData.Plain([2], 2), TestData.Plain([3], 3)]);
        engine.AdvanceWatermark(new("src"), BeamTime.MaxTimestampMillis);
        var seen = new List<string>();
        for (var attempt = 1; attempt <= failures; attempt++)
        {
            var bundle = TestData.Ready(engine);
            seen.Add($"{bundle.Id}#{bundle.Attempt}:{string.Concat(bundle.Inputs[0].Elements.Select(static e => Convert.ToHexString(e.Bytes.Span)))}");
            Assert.Equal(1, engine.OutputWatermark(new("a"))); // the failed bundle's elements still hold the watermark
            Assert.Equal(attempt < maxAttempts, engine.FailBundle(bundle.Id, $"boom {attempt}")); // true: run again
        }

        while (engine.GetNextBundle() is { Kind: NextBundleKind.Ready, Bundle: { } bundle })
        {
            seen.Add($"{bundle.Id}#{bundle.Attempt}:{string.Concat(bundle.Inputs[0].Elements.Select(static e => Convert.ToHexString(e.Bytes.Span)))}");
            engine.CommitBundle(bundle.Id, TestData.Outputs(("p1", bundle.Inputs[0].Elements.ToArray())));
        }

        Assert.Equal(status, engine.Status);
        Assert.Equal(reason, engine.FailureReason);
        var expected = status == JobStatus.Done
            ? Enumerable.Range(1, failures + 1).Select(i => $"bundle-{i}#{i}:0102").Append($"bundle-{failures + 2}#1:03")
            : Enumerable.Range(1, failures).Select(i => $"bundle-{i}#{i}:0102");
        Assert.Equal(expected, seen);
        Assert.Equal(status == JobStatus.Done ? 3 : 0, engine.CommittedElementCount(new("p1")));
        Assert.Equal(Math.Min(failures, maxAttempts - 1), engine.RetriedBundleCount);
    }

    public static TheoryData<string, string> BadCommitRows => new()
    {
        // an id never handed out
        { "unknown-bundle", "bundle bundle-99 is not in flight (never handed out, or already committed or failed)" },
        // output to a PCollection the stage does not produce
        { "foreign-output", "bundle bundle-1 of stage 'a' committed output to 'p0', which is not an output of that stage (outputs: p1)" },
        // an unkeyed element going into a GroupByKey
        { "unkeyed", "bundle bundle-1 of stage 'a' committed an element without a key length to 'p1', which a GroupByKey reads" },
        // committing twice
        { "twice", "bundle bundle-1 is not in flight (never handed out, or already committed or failed)" },
    };

    [Theory]
    [MemberData(nameof(BadCommitRows))]
    public void Bad_commits_are_refused_with_a_clear_error_and_nothing_applied(string situation, string message)
    {
        var engine = Chain(10);
        engine.AddElements(new("src"), [TestData.Plain([1], 1)]);
        var bundle = TestData.Ready(engine);
        var (id, result) = situation switch
        {
            "unknown-bundle" => (new BundleId(99), BundleResult.Empty),
            "foreign-output" => (bundle.Id, TestData.Outputs(("p0", [TestData.Plain([1], 1)]))),
            "unkeyed" => (bundle.Id, TestData.Outputs(("p1", [TestData.Kv(1, 1, 1), TestData.Plain([1], 1)]))),
            _ => (bundle.Id, BundleResult.Empty),
        };
        if (situation == "twice")
        {
            engine.CommitBundle(bundle.Id, BundleResult.Empty);
        }

        var error = Assert.Throws<ArgumentException>(() => engine.CommitBundle(id, result));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, engine.CommittedElementCount(new("p1")));
    }

    [Fact]
    public void Unkeyed_element_reaching_a_GroupByKey_through_a_flatten_is_refused_before_anything_is_applied()
    {
        var engine = new JobEngine(new StageGraphBuilder()
            .AddExternalInput(new("src"), new("p0"))
            .AddSdkStage(new("a"), [new("p0")], [new("p1")])
            .AddFlatten(new("flatten"), [new("p1")], new("p2"))
            .AddGroupByKey(new("gbk"), new("p2"), new("p3"), WindowingStrategy.Default)
            .Build());
        engine.AddElements(new("src"), [TestData.Plain([1], 1)]);
        var bundle = TestData.Ready(engine);
        var error = Assert.Throws<ArgumentException>(() => engine.CommitBundle(bundle.Id, TestData.Outputs(("p1", [TestData.Kv(1, 1, 1), TestData.Plain([1], 1)]))));
        Assert.StartsWith("bundle bundle-1 of stage 'a' committed an element without a key length to 'p1', which a GroupByKey reads (directly or through a Flatten)", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, engine.CommittedElementCount(new("p2")));
        engine.CommitBundle(bundle.Id, TestData.Outputs(("p1", [TestData.Kv(1, 1, 1)]))); // still in flight: a good commit goes through
        Assert.Equal(1, engine.CommittedElementCount(new("p2")));
    }

    [Fact]
    public async Task NextBundleAsync_waits_for_a_commit_that_makes_work_ready()
    {
        var ct = TestContext.Current.CancellationToken;
        var engine = Chain(10);
        engine.AddElements(new("src"), [TestData.Plain([1], 1)]);
        engine.AdvanceWatermark(new("src"), BeamTime.MaxTimestampMillis);
        var first = await engine.NextBundleAsync(ct).WaitAsync(TimeSpan.FromSeconds(10), ct);
        var waiting = engine.NextBundleAsync(ct);
        Assert.False(waiting.IsCompleted);
        engine.CommitBundle(first.Bundle!.Id, TestData.Outputs(("p1", [TestData.Kv(1, 1, 1)])));
        var second = await waiting.WaitAsync(TimeSpan.FromSeconds(10), ct);
        Assert.Equal(NextBundleKind.Done, second.Kind); // the GroupByKey has no consumer: its pane went nowhere
        Assert.Equal(1, engine.CommittedElementCount(new("p2")));
    }
}
