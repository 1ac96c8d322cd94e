using BeamConformance.ReferenceRunner.Execution.Internal;
using BeamConformance.ReferenceRunner.FnApi;
using BeamConformance.ReferenceRunner.Tests.FnApi;
using BeamConformance.ReferenceRunner.Tests.Translation;
using Microsoft.Extensions.Logging.Abstractions;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.ReferenceRunner.Tests.Execution;

/// <summary>
/// Split mode progress against a scripted SDK over real gRPC: a bundle the SDK has not started yet (progress answers
/// without a read index, as Python's SDK harness gives them) is still split once it stalls, however late that is.
/// </summary>
public sealed class ProgressSplitLoopTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Answers_without_a_read_index_are_no_reading_and_a_later_stall_is_still_split()
    {
        const int NotStarted = 3;
        await using var server = await FnApiTestServer.StartAsync();
        var splitAsked = new TaskCompletionSource<ProcessBundleSplitRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        // The bundle holds its element until a split is asked; the wait only guards against a hang.
        await using var harness = server.Connect("w1", async _ =>
        {
            await splitAsked.Task.WaitAsync(Wait, TestContext.Current.CancellationToken);
            return new HarnessResult { Outputs = { ["out"] = [] } };
        });
        var progressAnswers = 0;
        harness.Progress = _ =>
        {
            var response = new ProcessBundleProgressResponse();
            if (Interlocked.Increment(ref progressAnswers) > NotStarted)
            {
                response.MonitoringInfos.Add(ProgressAnswerTests.ReadIndex("src", 0));
            }

            return response;
        };
        harness.Split = request =>
        {
            splitAsked.TrySetResult(request);
            return new ProcessBundleSplitResponse();
        };
        var worker = await server.Services.WaitForWorkerAsync("w1", Wait, TestContext.Current.CancellationToken);
        worker.RegisterDescriptor(FnApiTestServer.Descriptor("d1", "out"));
        var p = new TestPipeline();
        p.Impulse("impulse");
        var context = JobExecutorTests.Context("job", p.Build(), new HarnessLauncher(server.Endpoint, static _ => Task.FromResult(new HarnessResult()), connect: false));
        var loop = new ProgressSplitLoop(worker, "job", "b1", "src", 4, new BundleProgress(context, "w1", "b1", "src", NullLogger.Instance), TimeProvider.System, NullLogger.Instance);
        using var bundleRunning = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var running = loop.RunAsync(bundleRunning.Token, TestContext.Current.CancellationToken);

        await worker.ProcessBundleAsync(
            new BundleRequest { InstructionId = "b1", DescriptorId = "d1", Inputs = [new BundleDataInput("src", [])], SinkTransformIds = ["out"] },
            TestContext.Current.CancellationToken);
        await bundleRunning.CancelAsync();
        await running;

        Assert.True(splitAsked.Task.IsCompletedSuccessfully, "no split was asked");
        var desired = Assert.Single((await splitAsked.Task).DesiredSplits);
        Assert.Equal(("src", 0.5, 4L), (desired.Key, desired.Value.FractionOfRemainder, desired.Value.EstimatedInputElements));
        // The answers without a read index, then two readings of index 0 in a row: the stall.
        Assert.True(progressAnswers >= NotStarted + 2, $"{progressAnswers} progress answers");
        Assert.Null(Assert.Single(loop.Splits).FirstResidualElement);
    }
}
