using Grpc.Core;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness.Tests;

/// <summary>Failing bundles, unsupported descriptors and stalled bundles.</summary>
public sealed class FailureTests
{
    [Fact]
    public async Task Fail_on_fails_the_bundle_with_the_message_and_discards_its_captures()
    {
        await using var session = await HarnessSession.StartAsync();
        await RegisterCreateFailCaptureAsync(session, """{"when": {"equals": 2}, "message": "Bogus element two"}""");

        var response = await session.RunBundleAsync("stage-1", "b1", "src", HarnessSession.ImpulseBytes);

        Assert.Contains("Bogus element two", response.Error, StringComparison.Ordinal);
        Assert.Contains("'Fail'", response.Error, StringComparison.Ordinal);
        Assert.Empty(session.Captures.GetElements("run-1"));
        var failure = Assert.Single(session.Captures.GetFailures("run-1"));
        Assert.Equal(("Fail", "b1", response.Error), (failure.Transform, failure.InstructionId, failure.Message));
    }

    [Fact]
    public async Task Fail_on_with_times_fails_the_first_n_bundles_meeting_the_value_then_passes_it()
    {
        await using var session = await HarnessSession.StartAsync();
        await RegisterCreateFailCaptureAsync(session, """{"when": {"equals": 2}, "message": "Bogus element two", "times": 2}""");

        var first = await session.RunBundleAsync("stage-1", "b1", "src", HarnessSession.ImpulseBytes);
        var second = await session.RunBundleAsync("stage-1", "b2", "src", HarnessSession.ImpulseBytes);
        var third = await session.RunBundleAsync("stage-1", "b3", "src", HarnessSession.ImpulseBytes);

        Assert.EndsWith("failed on element 2, failure 1 of 2)", first.Error, StringComparison.Ordinal);
        Assert.EndsWith("failed on element 2, failure 2 of 2)", second.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, third.Error);
        Assert.Equal(2, session.Captures.GetFailures("run-1").Count);
        Assert.Equal([(1L, "b3"), (2L, "b3"), (3L, "b3")], session.Captures.GetElements("run-1").Select(static e => ((long)e.Value!, e.InstructionId)));
    }

    [Theory]
    // a ParDo whose DoFn is not one of ours
    [InlineData("beam:dofn:javasdk:0.1", "{}", "do_fn URN 'beam:dofn:javasdk:0.1'")]
    // an unknown function inside a payload
    [InlineData("beamconformance:transform:map:v1", """{"fn": {"cube": 3}}""", "unknown function 'cube'")]
    // a required payload key missing
    [InlineData("beamconformance:transform:filter:v1", "{}", "missing key 'predicate'")]
    // inject_default without the combined PCollection as its iterable side input
    [InlineData("beamconformance:transform:inject_default:v1", """{"fn": "sum"}""", "inject_default needs exactly one side input with the iterable view, it has 0")]
    public async Task Register_reports_what_the_harness_cannot_run(string doFnUrn, string payload, string expected)
    {
        await using var session = await HarnessSession.StartAsync();
        var d = session.NewDescriptor();
        d.PCollection("impulse", d.Bytes);
        d.PCollection("out", d.Bytes);
        d.Source("src", "impulse", d.Windowed(d.Bytes, d.GlobalWindowCoder));
        d.ParDo("Bad", doFnUrn, payload, new() { ["main"] = "impulse" }, new() { ["out"] = "out" });
        var request = new InstructionRequest { Register = new RegisterRequest() };
        request.Register.ProcessBundleDescriptor.Add(d.Descriptor);

        var response = await session.Runner.SendAsync(request);

        Assert.Contains(expected, response.Error, StringComparison.Ordinal);
        Assert.Contains("'Bad'", response.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stall_holds_the_bundle_while_progress_and_split_are_answered_until_the_worker_stops()
    {
        await using var session = await HarnessSession.StartAsync();
        var d = session.NewDescriptor();
        d.PCollection("impulse", d.Bytes);
        d.PCollection("numbers", d.VarInt);
        d.PCollection("held", d.VarInt);
        d.Source("src", "impulse", d.Windowed(d.Bytes, d.GlobalWindowCoder));
        d.ParDo("Create", "beamconformance:transform:create:v1", """{"values": [1, 2]}""", new() { ["main"] = "impulse" }, new() { ["out"] = "numbers" });
        d.ParDo("Stall", "beamconformance:transform:stall:v1", "{}", new() { ["main"] = "numbers" }, new() { ["out"] = "held" });
        await session.RegisterAsync(d.Descriptor);
        var bundle = session.Runner.Start(new InstructionRequest { InstructionId = "b1", ProcessBundle = new ProcessBundleRequest { ProcessBundleDescriptorId = "stage-1" } });
        await session.Runner.SendDataAsync("b1", "src", HarnessSession.ImpulseBytes, isLast: true);

        // Progress: the counts so far (the Impulse element in, the first created element held by the stall).
        ProcessBundleProgressResponse progress;
        var attempts = 0;
        do
        {
            progress = (await session.Runner.SendAsync(new InstructionRequest { ProcessBundleProgress = new ProcessBundleProgressRequest { InstructionId = "b1" } })).ProcessBundleProgress;
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        while (Count(progress, "numbers") < 1 && ++attempts < 200);

        Assert.Equal((1L, 1L, 0L), (Count(progress, "impulse"), Count(progress, "numbers"), Count(progress, "held")));
        var split = await session.Runner.SendAsync(new InstructionRequest { ProcessBundleSplit = new ProcessBundleSplitRequest { InstructionId = "b1" } });
        Assert.Equal(new ProcessBundleSplitResponse(), split.ProcessBundleSplit);
        Assert.False(bundle.IsCompleted);

        var stop = await session.PoolChannel.CreateCallInvoker().AsyncUnaryCall(RunnerMethods.StopWorker, null, default, new StopWorkerRequest { WorkerId = "worker-1" }).ResponseAsync;

        Assert.Equal(string.Empty, stop.Error);
        Assert.Empty(session.Pool.ActiveWorkerIds);
        Assert.Equal(
            ["register", "process_bundle", "process_bundle_split"],
            session.Recorder.Get("run-1").Instructions.Select(i => i.Kind).Where(k => k != "process_bundle_progress"));
    }

    private static long Count(ProcessBundleProgressResponse progress, string pcollection)
    {
        var info = progress.MonitoringInfos.SingleOrDefault(m => m.Urn == "beam:metric:element_count:v1" && m.Labels["PCOLLECTION"] == pcollection);
        return info is null ? 0 : (long)Model.Coders.VarIntCoder.Instance.DecodeFrom(info.Payload.Span)!;
    }

    // Stage "stage-1": the Impulse source, Create [1, 2, 3], fail_on with the payload given, a capture.
    private static async Task RegisterCreateFailCaptureAsync(HarnessSession session, string failOnPayload)
    {
        var d = session.NewDescriptor();
        d.PCollection("impulse", d.Bytes);
        d.PCollection("numbers", d.VarInt);
        d.PCollection("checked", d.VarInt);
        d.Source("src", "impulse", d.Windowed(d.Bytes, d.GlobalWindowCoder));
        d.ParDo("Create", "beamconformance:transform:create:v1", """{"values": [1, 2, 3]}""", new() { ["main"] = "impulse" }, new() { ["out"] = "numbers" });
        d.ParDo("Fail", "beamconformance:transform:fail_on:v1", failOnPayload, new() { ["main"] = "numbers" }, new() { ["out"] = "checked" });
        d.ParDo("Out", "beamconformance:transform:capture:v1", "{}", new() { ["main"] = "checked" }, []);
        await session.RegisterAsync(d.Descriptor);
    }
}
