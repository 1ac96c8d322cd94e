using System.Collections.Concurrent;
using BeamConformance.ReferenceRunner.Execution;
using BeamConformance.ReferenceRunner.Tests.FnApi;
using BeamConformance.ReferenceRunner.Tests.Translation;
using BeamConformance.ReferenceRunner.Translation;
using Google.Protobuf;
using Org.Apache.Beam.Model.FnExecution.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Tests.Execution;

/// <summary>Bundle finalization over real gRPC: after the commit, once, never for a failed attempt.</summary>
public sealed class BundleFinalizationTests
{
    [Fact]
    public async Task A_retried_bundle_is_finalized_once_after_its_successful_attempt_commits_and_never_for_the_failed_one()
    {
        var attempts = 0;
        var bundles = new ConcurrentQueue<string>();
        var finalized = new ConcurrentQueue<string>();
        var committedAtFinalize = new ConcurrentQueue<int>();
        JobRunContext? context = null;
        await using var server = await FnApiTestServer.StartAsync();
        var launcher = new HarnessLauncher(server.Endpoint, bundle =>
        {
            bundles.Enqueue(bundle.InstructionId);
            if (Interlocked.Increment(ref attempts) == 1)
            {
                // The SDK registered a finalization callback, then the bundle failed: the attempt's callbacks are dropped.
                throw new InvalidOperationException("first attempt fails");
            }

            return Task.FromResult(new HarnessResult { RequiresFinalization = true, MonitoringInfos = { Counter(7) } });
        })
        {
            OnConnected = h => h.Finalize = request =>
            {
                finalized.Enqueue(request.InstructionId);
                committedAtFinalize.Enqueue(context!.Metrics.ToMetricResults().Committed.Count);
                return null;
            },
        };
        context = Context("fin1", launcher);

        await new JobExecutor(server.Services, Options(maxAttempts: 2)).ExecuteAsync(context, TestContext.Current.CancellationToken);

        // Two attempts of the one bundle (the retry is a new instruction), one FinalizeBundleRequest, for the retry, after its commit.
        Assert.Equal(["fin1/bundle-1", "fin1/bundle-2"], bundles);
        Assert.Equal(["fin1/bundle-2"], finalized);
        Assert.Equal([1], committedAtFinalize);
    }

    [Fact]
    public async Task A_bundle_that_did_not_ask_is_not_finalized_and_a_failed_finalization_leaves_the_job_done()
    {
        var asked = 0;
        var finalized = new ConcurrentQueue<string>();
        var messages = new Messages();
        await using var server = await FnApiTestServer.StartAsync();
        var launcher = new HarnessLauncher(server.Endpoint, _ =>
            Task.FromResult(new HarnessResult { RequiresFinalization = Interlocked.Increment(ref asked) == 1 }))
        {
            OnConnected = h => h.Finalize = request =>
            {
                finalized.Enqueue(request.InstructionId);
                return "the source is gone";
            },
        };

        var context = Context("fin2", launcher, messages);
        await new JobExecutor(server.Services, Options(maxAttempts: 1)).ExecuteAsync(context, TestContext.Current.CancellationToken);

        Assert.Equal(["fin2/bundle-1"], finalized);
        Assert.Contains(messages.Texts, t => t.Contains("FinalizeBundle of committed bundle 'fin2/bundle-1'", StringComparison.Ordinal)
            && t.EndsWith("failed (its outputs stay committed): the source is gone", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bundle_answering_a_malformed_monitoring_info_fails_before_its_commit_and_is_not_finalized()
    {
        var finalized = new ConcurrentQueue<string>();
        await using var server = await FnApiTestServer.StartAsync();
        var bad = Counter(7);
        bad.Payload = ByteString.CopyFrom(0xff); // a varint's continuation bit with nothing after it
        var launcher = new HarnessLauncher(server.Endpoint, _ => Task.FromResult(new HarnessResult { RequiresFinalization = true, MonitoringInfos = { bad } }))
        {
            OnConnected = h => h.Finalize = request =>
            {
                finalized.Enqueue(request.InstructionId);
                return null;
            },
        };

        var context = Context("fin3", launcher);
        var error = await Assert.ThrowsAsync<JobFailedException>(
            () => new JobExecutor(server.Services, Options(maxAttempts: 1)).ExecuteAsync(context, TestContext.Current.CancellationToken));

        // Before: the outputs were committed, JobMetrics refused the payload, the committed bundle was failed again in the
        // engine (an exception out of the bundle task, unobserved), and the job ended DONE without the bundle's finalization.
        Assert.Contains("the SDK's ProcessBundleResponse for instruction 'fin3/bundle-1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("has a malformed MonitoringInfo: MonitoringInfo beam:metric:user:sum_int64:v1 {NAME=seen, NAMESPACE=test, PTRANSFORM=a}: payload FF is not a valid beam:metrics:sum_int64:v1", error.Message, StringComparison.Ordinal);
        Assert.Empty(finalized);
        Assert.Empty(context.Metrics.ToMetricResults().Committed);
    }

    [Fact]
    public async Task An_exception_escaping_a_committed_bundle_fails_the_job_naming_the_bundle_instead_of_being_lost()
    {
        // A runner bug after the commit, made here by a message sink that throws on the failed finalization's warning: the
        // exception leaves StageBundleRunner.RunAsync, past the engine (which already committed the bundle and ended the job).
        await using var server = await FnApiTestServer.StartAsync();
        var launcher = new HarnessLauncher(server.Endpoint, _ => Task.FromResult(new HarnessResult { RequiresFinalization = true }))
        {
            OnConnected = h => h.Finalize = _ => "the source is gone",
        };

        var context = Context("fin4", launcher, new BrokenSink());
        var error = await Assert.ThrowsAsync<JobFailedException>(
            () => new JobExecutor(server.Services, Options(maxAttempts: 1)).ExecuteAsync(context, TestContext.Current.CancellationToken));

        // Before: the task faulted unobserved and the job ended DONE.
        Assert.Equal(
            "ReferenceRunner bug: bundle bundle-1 of stage 'stage1' threw InvalidOperationException: the message sink is broken",
            error.Message);
    }

    private static MonitoringInfo Counter(long value)
    {
        var info = new MonitoringInfo { Urn = "beam:metric:user:sum_int64:v1", Type = "beam:metrics:sum_int64:v1", Payload = ByteString.CopyFrom((byte)value) };
        info.Labels["PTRANSFORM"] = "a";
        info.Labels["NAMESPACE"] = "test";
        info.Labels["NAME"] = "seen";
        return info;
    }

    private static ExecutionOptions Options(int maxAttempts) =>
        new() { WorkerConnectTimeout = TimeSpan.FromSeconds(120), ProgressInterval = null, MaxBundleAttempts = maxAttempts };

    private static JobRunContext Context(string jobId, IEnvironmentLauncher launcher, IJobMessageSink? messages = null)
    {
        var p = new TestPipeline();
        p.ParDo("a", p.Impulse("impulse"), "varint");
        ValidationTests.WithPayload(p, "a", payload => payload.RequestsFinalization = true);
        var pipeline = p.Build();
        pipeline.Requirements.Add(Model.Urns.Requirements.BundleFinalization);
        return JobExecutorTests.Context(jobId, pipeline, launcher, messages);
    }

    private sealed class BrokenSink : IJobMessageSink
    {
        public void Post(Org.Apache.Beam.Model.JobManagement.V1.JobMessage.Types.MessageImportance importance, string text)
        {
            if (text.StartsWith("FinalizeBundle", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("the message sink is broken");
            }
        }
    }

    internal sealed class Messages : IJobMessageSink
    {
        public ConcurrentQueue<string> Texts { get; } = new();

        public void Post(Org.Apache.Beam.Model.JobManagement.V1.JobMessage.Types.MessageImportance importance, string text) => Texts.Enqueue(text);
    }
}
