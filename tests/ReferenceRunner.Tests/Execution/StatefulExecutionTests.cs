using System.Collections.Concurrent;
using BeamConformance.ReferenceRunner.Execution;
using BeamConformance.ReferenceRunner.Tests.FnApi;
using BeamConformance.ReferenceRunner.Tests.Translation;
using BeamConformance.ReferenceRunner.Translation;
using Google.Protobuf;
using Org.Apache.Beam.Model.FnExecution.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Tests.Execution;

/// <summary>A stateful stage end to end over real gRPC: keyed input, state discarded with a failed bundle, cache tokens, bad keys.</summary>
public sealed class StatefulExecutionTests
{
    private const string MinTimestampGlobal = JobExecutorTests.MinTimestampGlobal;

    [Fact]
    public async Task A_retried_bundle_sees_the_state_from_before_its_failed_attempt_under_a_new_cache_token()
    {
        var attempts = 0;
        var inputs = new ConcurrentQueue<string>();
        var seen = new ConcurrentQueue<string>();
        await using var server = await FnApiTestServer.StartAsync();
        TestHarness? harness = null;
        var launcher = new HarnessLauncher(server.Endpoint, async bundle =>
        {
            if (bundle.Sinks.Any())
            {
                return Produce(bundle);
            }

            inputs.Enqueue(Convert.ToHexStringLower(bundle.SingleInput));
            var attempt = Interlocked.Increment(ref attempts);
            var before = await bundle.GetStateAsync(Bag(0x61));
            seen.Enqueue(string.Concat(before.Select(static p => Convert.ToHexStringLower(p.Data.Span))));
            Assert.Null(await bundle.WriteStateAsync(Bag(0x61), [0x01]));
            Assert.Null(await bundle.WriteStateAsync(Bag(0x62), [0x02]));
            if (attempt == 1)
            {
                throw new InvalidOperationException("first attempt fails after writing state");
            }

            return new HarnessResult();
        })
        { OnConnected = h => harness = h };

        await new JobExecutor(server.Services, Options(maxAttempts: 2)).ExecuteAsync(Context("jobs1", launcher), TestContext.Current.CancellationToken);

        // Input grouped by key: a's elements (1, then 3) before b's, in both attempts.
        var grouped = MinTimestampGlobal + "016101" + MinTimestampGlobal + "016103" + MinTimestampGlobal + "016202";
        Assert.Equal([grouped, grouped], inputs);
        // The retry reads key a's bag as before the failed attempt: empty, not the discarded append 01.
        Assert.Equal(["", ""], seen);
        var tokens = harness!.Instructions.Where(static i => i.ProcessBundle?.CacheTokens.Count > 0)
            .Select(static i => $"{i.ProcessBundle.CacheTokens.Single().TypeCase}:{i.ProcessBundle.CacheTokens.Single().Token.ToStringUtf8()}");
        Assert.Equal(["UserState:jobs1/stage2/user-state/0", "UserState:jobs1/stage2/user-state/1"], tokens);
    }

    /// <summary>
    /// Bundles of one element: key a's run (1, then 3) is cut across bundles with b's between. The bundles come in
    /// arrival order, one at a time, and each sees what the previous ones committed: a's second bundle reads a's
    /// first append, b's bundle reads nothing.
    /// </summary>
    [Fact]
    public async Task A_key_split_across_bundles_keeps_its_order_and_sees_the_state_committed_between_them()
    {
        var seen = new ConcurrentQueue<string>();
        await using var server = await FnApiTestServer.StartAsync();
        var launcher = new HarnessLauncher(server.Endpoint, async bundle =>
        {
            if (bundle.Sinks.Any())
            {
                return Produce(bundle);
            }

            var input = Convert.ToHexStringLower(bundle.SingleInput)[MinTimestampGlobal.Length..];
            var key = Bag(Convert.FromHexString(input[2..4])[0]);
            var before = await bundle.GetStateAsync(key);
            seen.Enqueue($"{input}:{string.Concat(before.Select(static p => Convert.ToHexStringLower(p.Data.Span)))}");
            Assert.Null(await bundle.WriteStateAsync(key, Convert.FromHexString(input[4..])));
            return new HarnessResult();
        });

        await new JobExecutor(server.Services, Options(maxAttempts: 1) with { BundleSize = 1 }).ExecuteAsync(Context("jobs3", launcher), TestContext.Current.CancellationToken);

        Assert.Equal(["016101:", "016202:", "016103:01"], seen);
    }

    [Fact]
    public async Task A_state_request_for_a_key_outside_the_bundle_fails_the_job_with_that_reason()
    {
        string? error = null;
        await using var server = await FnApiTestServer.StartAsync();
        var launcher = new HarnessLauncher(server.Endpoint, async bundle =>
        {
            if (bundle.Sinks.Any())
            {
                return Produce(bundle);
            }

            error = await bundle.WriteStateAsync(Bag(0x63), [0x01]);
            return new HarnessResult(); // The SDK ignores the error: the bundle still fails.
        });

        var failed = await Assert.ThrowsAsync<JobFailedException>(
            () => new JobExecutor(server.Services, Options(maxAttempts: 1)).ExecuteAsync(Context("jobs2", launcher), TestContext.Current.CancellationToken));

        Assert.NotNull(error);
        Assert.EndsWith("(BagUserState): BagUserState 'bag' of transform 'counter': key 0163 is not a key of this bundle's input (keys: 0161, 0162)", error);
        Assert.Contains(error, failed.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue 16's bad input end to end: the SDK appends to a side input in a stateful bundle. The request gets the error,
    /// the job fails with that text, and the same Fn API server then runs another job to completion.
    /// </summary>
    [Fact]
    public async Task An_append_to_a_side_input_fails_the_job_with_that_reason_and_the_next_job_runs()
    {
        string? error = null;
        var written = new ConcurrentQueue<string>();
        await using var server = await FnApiTestServer.StartAsync();
        var bad = new HarnessLauncher(server.Endpoint, async bundle =>
        {
            if (bundle.Sinks.Any())
            {
                return Produce(bundle);
            }

            error = await bundle.WriteStateAsync(new StateKey { IterableSideInput = new() { TransformId = "counter", SideInputId = "side0", Window = ByteString.Empty } }, [0x01]);
            return new HarnessResult();
        });
        var good = new HarnessLauncher(server.Endpoint, async bundle =>
        {
            if (bundle.Sinks.Any())
            {
                return Produce(bundle);
            }

            written.Enqueue(await bundle.WriteStateAsync(Bag(0x61), [0x01]) ?? "ok");
            return new HarnessResult();
        });

        var failed = await Assert.ThrowsAsync<JobFailedException>(
            () => new JobExecutor(server.Services, Options(maxAttempts: 1)).ExecuteAsync(Context("jobs4", bad), TestContext.Current.CancellationToken));
        await new JobExecutor(server.Services, Options(maxAttempts: 1)).ExecuteAsync(Context("jobs5", good), TestContext.Current.CancellationToken);

        Assert.Equal(" (IterableSideInput): append to IterableSideInput state: side inputs are read-only (StateAppendRequest is for user state)", error?[error.IndexOf(" (", StringComparison.Ordinal)..]);
        Assert.Contains(error!, failed.Message, StringComparison.Ordinal);
        Assert.Equal(["ok"], written);
    }

    private static HarnessResult Produce(HarnessBundle bundle) => new()
    {
        Outputs =
        {
            [bundle.Sinks.Single()] = [Convert.FromHexString(MinTimestampGlobal + "016101" + MinTimestampGlobal + "016202" + MinTimestampGlobal + "016103")],
        },
    };

    private static StateKey Bag(byte letter) =>
        new() { BagUserState = new() { TransformId = "counter", UserStateId = "bag", Key = ByteString.CopyFrom(0x01, letter), Window = ByteString.Empty } };

    private static ExecutionOptions Options(int maxAttempts) =>
        new() { WorkerConnectTimeout = TimeSpan.FromSeconds(120), ProgressInterval = null, MaxBundleAttempts = maxAttempts };

    private static JobRunContext Context(string jobId, IEnvironmentLauncher launcher)
    {
        var p = new TestPipeline();
        var keyed = p.ParDo("a", p.Impulse("impulse"), "kv_str_varint");
        p.ParDo("counter", keyed, "kv_str_varint");
        ValidationTests.WithPayload(p, "counter", payload =>
            payload.StateSpecs["bag"] = new StateSpec { BagSpec = new BagStateSpec { ElementCoderId = "varint" } });
        var pipeline = p.Build();
        return JobExecutorTests.Context(jobId, pipeline, launcher);
    }
}
