using BeamConformance.ReferenceRunner.Execution.Internal;
using BeamConformance.ReferenceRunner.FnApi;
using BeamConformance.ReferenceRunner.Tests.FnApi;
using Microsoft.Extensions.Logging.Abstractions;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.ReferenceRunner.Tests.Execution;

/// <summary>
/// The runner's channel split of a 4-element bundle against a scripted SDK: what it asks, and every answer shape
/// (a split, no split, and each inconsistency, which fails the bundle naming instruction and field).
/// </summary>
public sealed class ChannelSplitRequestTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    public static TheoryData<string, long, long, string?, int?> Answers => new()
    {
        // A proper split after element 1: the residual starts at 2.
        { "src", 1, 2, null, 2 },
        // The whole bundle kept, nothing returned (an index equal to the count is the end).
        { "src", 3, 4, null, 4 },
        // Nothing kept: the residual is the whole bundle.
        { "src", -1, 0, null, 0 },
        { "other", 1, 2, "channel_splits[0].transform_id 'other' is not the bundle's data input 'src'", null },
        { "src", 2, 2, "channel_splits[0].first_residual_element (2) is not after last_primary_element (2)", null },
        { "src", 3, 1, "channel_splits[0].first_residual_element (1) is not after last_primary_element (3)", null },
        { "src", 4, 5, "channel_splits[0].last_primary_element (4) is outside the bundle's 4 elements (-1 .. 3)", null },
        { "src", -2, 0, "channel_splits[0].last_primary_element (-2) is outside the bundle's 4 elements (-1 .. 3)", null },
        { "src", 3, 6, "channel_splits[0].first_residual_element (6) is beyond the bundle's 4 elements (at most 4)", null },
        { "src", 0, 3, "channel_splits[0].first_residual_element (3) leaves elements 1 .. 2 to no one", null },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Every_answer_is_applied_or_refused_naming_the_instruction_and_field(string transformId, long lastPrimary, long firstResidual, string? error, int? residual)
    {
        await using var server = await FnApiTestServer.StartAsync();
        await using var harness = server.Connect("w1", _ => Task.FromResult(new HarnessResult { Outputs = { ["out"] = [] } }));
        ProcessBundleSplitRequest? asked = null;
        harness.Split = request =>
        {
            asked = request;
            var answer = new ProcessBundleSplitResponse();
            answer.ChannelSplits.Add(new ProcessBundleSplitResponse.Types.ChannelSplit { TransformId = transformId, LastPrimaryElement = lastPrimary, FirstResidualElement = firstResidual });
            return answer;
        };
        var worker = await server.Services.WaitForWorkerAsync("w1", Wait, TestContext.Current.CancellationToken);
        worker.RegisterDescriptor(FnApiTestServer.Descriptor("d1", "out"));
        var split = new ChannelSplitRequest(worker, "job", "b1", "src", 4, 0.5, TimeProvider.System, NullLogger.Instance);
        var request = new BundleRequest { InstructionId = "b1", DescriptorId = "d1", Inputs = [new BundleDataInput("src", [])], SinkTransformIds = ["out"], BeforeInputs = split.AskAsync };

        if (error is null)
        {
            await worker.ProcessBundleAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(residual, split.FirstResidualElement);
        }
        else
        {
            var e = await Assert.ThrowsAsync<InvalidSplitException>(() => worker.ProcessBundleAsync(request, TestContext.Current.CancellationToken));
            Assert.StartsWith("ProcessBundleSplitResponse for instruction 'b1' is inconsistent: " + error, e.Message, StringComparison.Ordinal);
            Assert.Null(split.FirstResidualElement);
        }

        Assert.NotNull(asked);
        Assert.Equal("b1", asked.InstructionId);
        var desired = Assert.Single(asked.DesiredSplits);
        Assert.Equal(("src", 0.5, 4L), (desired.Key, desired.Value.FractionOfRemainder, desired.Value.EstimatedInputElements));
        Assert.Equal([1L, 2, 3], desired.Value.AllowedSplitPoints);
    }

    [Fact]
    public async Task An_empty_answer_is_asked_again_three_times_then_taken_as_no_split()
    {
        await using var server = await FnApiTestServer.StartAsync();
        await using var harness = server.Connect("w1", _ => Task.FromResult(new HarnessResult { Outputs = { ["out"] = [] } }));
        var asked = 0;
        harness.Split = _ =>
        {
            Interlocked.Increment(ref asked);
            return new ProcessBundleSplitResponse();
        };
        var worker = await server.Services.WaitForWorkerAsync("w1", Wait, TestContext.Current.CancellationToken);
        worker.RegisterDescriptor(FnApiTestServer.Descriptor("d1", "out"));
        var split = new ChannelSplitRequest(worker, "job", "b1", "src", 3, 0.0, TimeProvider.System, NullLogger.Instance);

        await worker.ProcessBundleAsync(
            new BundleRequest { InstructionId = "b1", DescriptorId = "d1", Inputs = [new BundleDataInput("src", [])], SinkTransformIds = ["out"], BeforeInputs = split.AskAsync },
            TestContext.Current.CancellationToken);

        Assert.Equal(4, asked);
        Assert.Null(split.FirstResidualElement);
    }
}
