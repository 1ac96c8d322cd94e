using BeamConformance.ReferenceRunner.Execution;
using BeamConformance.ReferenceRunner.FnApi;
using Grpc.Core;
using BeamConformance.Protos.Hosting;
using Google.Protobuf;
using Org.Apache.Beam.Model.FnExecution.V1;
using Org.Apache.Beam.Model.JobManagement.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Tests.FnApi;

public sealed class FnApiServerTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(120);

    public static TheoryData<int, int[], int[]> Chunkings => new()
    {
        // Elements of 3 bytes under a 7-byte limit: two per message, never split.
        { 7, [3, 3, 3, 3, 3], [6, 6, 3] },
        // A limit that fits everything: one message.
        { 100, [3, 3, 3], [9] },
        // An element larger than the limit travels alone.
        { 4, [2, 10, 2, 2], [2, 10, 4] },
        // No elements: no data message, only is_last.
        { 4, [], [] },
    };

    [Theory]
    [MemberData(nameof(Chunkings))]
    public async Task Inputs_are_chunked_at_element_boundaries_and_outputs_collected_until_is_last(int limit, int[] sizes, int[] expectedMessages)
    {
        await using var server = await FnApiTestServer.StartAsync(new FnApiOptions { MaxDataChunkBytes = limit });
        int[]? received = null;
        await using var harness = server.Connect("w1", bundle =>
        {
            received = [.. bundle.InputMessages["src"].Select(static m => m.Length)];
            var all = bundle.InputMessages["src"].SelectMany(static m => m).ToArray();
            // Echo the input to sink "out" in two messages (the first one byte), nothing to sink "empty".
            return Task.FromResult(new HarnessResult { Outputs = { ["out"] = all.Length == 0 ? [] : [all[..1], all[1..]] } });
        });
        var worker = await server.Services.WaitForWorkerAsync("w1", Wait, TestContext.Current.CancellationToken);
        worker.RegisterDescriptor(FnApiTestServer.Descriptor("d1", "out", "empty"));
        var chunker = new ElementChunker(limit);
        var input = new List<byte>();
        for (var i = 0; i < sizes.Length; i++)
        {
            var element = Enumerable.Repeat((byte)(i + 1), sizes[i]).ToArray();
            chunker.Append(element);
            input.AddRange(element);
        }

        var outcome = await worker.ProcessBundleAsync(new BundleRequest
        {
            InstructionId = "b1",
            DescriptorId = "d1",
            Inputs = [new BundleDataInput("src", chunker.Complete())],
            SinkTransformIds = ["out", "empty"],
        }, TestContext.Current.CancellationToken);

        var bundleSeen = Assert.Single(harness.Instructions, static i => i.RequestCase == InstructionRequest.RequestOneofCase.ProcessBundle);
        Assert.Equal("d1", bundleSeen.ProcessBundle.ProcessBundleDescriptorId);
        Assert.Null(bundleSeen.ProcessBundle.Elements); // never embedded in the request
        Assert.Equal(expectedMessages, received);
        Assert.Equal(Convert.ToHexString([.. input]), Convert.ToHexString([.. outcome.Outputs["out"].SelectMany(static c => c.ToArray())]));
        Assert.Equal(input.Count == 0 ? [] : [1, input.Count - 1], outcome.Outputs["out"].Select(static c => c.Length));
        Assert.Empty(outcome.Outputs["empty"]);
    }

    [Fact]
    public async Task An_sdk_error_fails_the_bundle_with_its_text()
    {
        await using var server = await FnApiTestServer.StartAsync();
        await using var harness = server.Connect("w1", _ => throw new InvalidOperationException("ZeroDivisionError: division by zero [while running 'Map(f)']"));
        var worker = await server.Services.WaitForWorkerAsync("w1", Wait, TestContext.Current.CancellationToken);
        worker.RegisterDescriptor(FnApiTestServer.Descriptor("d1", "out"));

        var error = await Assert.ThrowsAsync<BundleFailedException>(() => worker.ProcessBundleAsync(Request("b1", "d1", ["out"]), TestContext.Current.CancellationToken));

        Assert.Equal("b1", error.InstructionId);
        Assert.Equal("ZeroDivisionError: division by zero [while running 'Map(f)']", error.Error);
    }

    public static TheoryData<int, int[], int[]> Pagings => new()
    {
        // Five 4-byte values, 8 bytes per page: three pages, the last one short.
        { 8, [4, 4, 4, 4, 4], [8, 8, 4] },
        // Everything fits: one page, no token.
        { 100, [4, 4], [8] },
        // A value larger than a page gets a page of its own.
        { 5, [3, 9, 1], [3, 9, 1] },
        // Nothing stored: one empty page.
        { 8, [], [0] },
    };

    [Theory]
    [MemberData(nameof(Pagings))]
    public async Task State_reads_are_paged_at_value_boundaries_with_continuation_tokens(int pageBytes, int[] sizes, int[] expectedPages)
    {
        await using var server = await FnApiTestServer.StartAsync(new FnApiOptions { StatePageBytes = pageBytes });
        var values = sizes.Select((size, i) => (ReadOnlyMemory<byte>)Enumerable.Repeat((byte)(i + 1), size).ToArray()).ToList();
        List<StateGetResponse>? pages = null;
        var key = new StateKey { IterableSideInput = new StateKey.Types.IterableSideInput { TransformId = "t", SideInputId = "side0" } };
        await using var harness = server.Connect("w1", async bundle =>
        {
            pages = await bundle.GetStateAsync(key);
            return new HarnessResult();
        });
        var worker = await server.Services.WaitForWorkerAsync("w1", Wait, TestContext.Current.CancellationToken);
        worker.RegisterDescriptor(FnApiTestServer.Descriptor("d1"));
        var source = new RecordingStateSource(values);

        await worker.ProcessBundleAsync(Request("b1", "d1", [], source), TestContext.Current.CancellationToken);

        Assert.NotNull(pages);
        Assert.Equal(expectedPages, pages.Select(static p => p.Data.Length));
        Assert.Equal(
            Convert.ToHexString([.. values.SelectMany(static v => v.ToArray())]),
            Convert.ToHexString([.. pages.SelectMany(static p => p.Data.ToByteArray())]));
        Assert.True(pages[^1].ContinuationToken.IsEmpty);
        Assert.All(pages[..^1], static p => Assert.False(p.ContinuationToken.IsEmpty));
        Assert.All(source.Keys, k => Assert.Equal(key, k));
    }

    [Fact]
    public async Task A_failing_state_read_is_answered_with_an_error_not_a_broken_stream()
    {
        await using var server = await FnApiTestServer.StartAsync();
        string? error = null;
        await using var harness = server.Connect("w1", async bundle =>
        {
            error = (await Assert.ThrowsAsync<InvalidOperationException>(() => bundle.GetStateAsync(new StateKey { Runner = new StateKey.Types.Runner() }))).Message;
            return new HarnessResult();
        });
        var worker = await server.Services.WaitForWorkerAsync("w1", Wait, TestContext.Current.CancellationToken);
        worker.RegisterDescriptor(FnApiTestServer.Descriptor("d1"));

        await worker.ProcessBundleAsync(Request("b1", "d1", [], new RecordingStateSource([], reject: true)), TestContext.Current.CancellationToken);

        Assert.Equal("state request 'state-1' (Runner): no such state", error);
    }

    [Fact]
    public async Task A_control_stream_without_worker_id_is_refused_with_invalid_argument()
    {
        await using var server = await FnApiTestServer.StartAsync();
        using var channel = GrpcChannels.ForEndpoint(server.Endpoint);
        using var call = new BeamFnControl.BeamFnControlClient(channel.CreateCallInvoker()).Control(new CallOptions(cancellationToken: TestContext.Current.CancellationToken));

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("worker_id", error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    // The worker's own descriptor is served.
    [InlineData("w1", "d1", StatusCode.OK)]
    // An id no one registered.
    [InlineData("w1", "nope", StatusCode.NotFound)]
    // Another worker's descriptor is not served to this one.
    [InlineData("w2", "d1", StatusCode.NotFound)]
    public async Task GetProcessBundleDescriptor_serves_the_worker_its_own_descriptors(string caller, string descriptorId, StatusCode expected)
    {
        await using var server = await FnApiTestServer.StartAsync();
        await using var harness = server.Connect("w1", _ => Task.FromResult(new HarnessResult()));
        var worker = await server.Services.WaitForWorkerAsync("w1", Wait, TestContext.Current.CancellationToken);
        worker.RegisterDescriptor(FnApiTestServer.Descriptor("d1", "out"));
        using var channel = GrpcChannels.ForEndpoint(server.Endpoint);
        var call = new BeamFnControl.BeamFnControlClient(channel.CreateCallInvoker()).GetProcessBundleDescriptorAsync(new GetProcessBundleDescriptorRequest { ProcessBundleDescriptorId = descriptorId }, new CallOptions(new Metadata { { "worker_id", caller } }, cancellationToken: TestContext.Current.CancellationToken));

        if (expected == StatusCode.OK)
        {
            Assert.Equal(FnApiTestServer.Descriptor("d1", "out"), await call.ResponseAsync);
        }
        else
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
            Assert.Equal(expected, error.StatusCode);
            Assert.Contains(descriptorId, error.Status.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_worker_that_crashes_mid_bundle_fails_the_bundle_as_disconnected()
    {
        await using var server = await FnApiTestServer.StartAsync();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = server.Connect("w1", async _ =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, TestContext.Current.CancellationToken);
            return new HarnessResult();
        });
        var worker = await server.Services.WaitForWorkerAsync("w1", Wait, TestContext.Current.CancellationToken);
        worker.RegisterDescriptor(FnApiTestServer.Descriptor("d1", "out"));
        var bundle = worker.ProcessBundleAsync(Request("b1", "d1", ["out"]), TestContext.Current.CancellationToken);
        await started.Task.WaitAsync(Wait, TestContext.Current.CancellationToken);

        await harness.CrashAsync();

        var error = await Assert.ThrowsAsync<WorkerDisconnectedException>(() => bundle.WaitAsync(Wait, TestContext.Current.CancellationToken));
        Assert.Equal("w1", error.WorkerId);
        Assert.False(worker.IsConnected);
    }

    [Fact]
    public async Task Sdk_error_logs_reach_the_job_messages_and_other_logs_do_not()
    {
        await using var server = await FnApiTestServer.StartAsync();
        var messages = new RecordingMessages();
        await using var harness = server.Connect("w1", _ => Task.FromResult(new HarnessResult()), messages);

        await harness.LogAsync(
            new LogEntry { Severity = LogEntry.Types.Severity.Types.Enum.Info, Message = "starting" },
            new LogEntry { Severity = LogEntry.Types.Severity.Types.Enum.Error, Message = "boom", TransformId = "Map(f)" },
            new LogEntry { Severity = LogEntry.Types.Severity.Types.Enum.Critical, Message = "dying" });

        Assert.Equal(
            [
                (JobMessage.Types.MessageImportance.JobMessageError, "SDK worker w1, transform Map(f): boom"),
                (JobMessage.Types.MessageImportance.JobMessageError, "SDK worker w1: dying"),
            ],
            messages.Posted);
    }

    [Fact]
    public async Task Short_monitoring_ids_are_resolved_once_through_metadata_requests()
    {
        await using var server = await FnApiTestServer.StartAsync();
        await using var harness = server.Connect("w1", _ => Task.FromResult(new HarnessResult()));
        var info = new MonitoringInfo { Urn = "beam:metric:element_count:v1", Type = "beam:metrics:sum_int64:v1" };
        info.Labels["PCOLLECTION"] = "pc1";
        harness.ShortIds["1"] = info;
        var worker = await server.Services.WaitForWorkerAsync("w1", Wait, TestContext.Current.CancellationToken);
        var data = new Google.Protobuf.Collections.MapField<string, ByteString> { ["1"] = ByteString.CopyFrom(0x05) };

        var first = await worker.ResolveMonitoringInfosAsync([], data, TestContext.Current.CancellationToken);
        var second = await worker.ResolveMonitoringInfosAsync([], data, TestContext.Current.CancellationToken);

        var expected = info.Clone();
        expected.Payload = ByteString.CopyFrom(0x05);
        Assert.Equal([expected], first);
        Assert.Equal([expected], second);
        Assert.Single(harness.Instructions, static i => i.RequestCase == InstructionRequest.RequestOneofCase.MonitoringInfos);
    }

    private static BundleRequest Request(string instructionId, string descriptorId, string[] sinks, IBundleStateSource? state = null) => new()
    {
        InstructionId = instructionId,
        DescriptorId = descriptorId,
        Inputs = [new BundleDataInput("src", [])],
        SinkTransformIds = sinks,
        StateSource = state,
    };

    private sealed class RecordingStateSource(IReadOnlyList<ReadOnlyMemory<byte>> values, bool reject = false) : IBundleStateSource
    {
        public List<StateKey> Keys { get; } = [];

        public IReadOnlyList<ReadOnlyMemory<byte>> Get(StateKey key)
        {
            lock (Keys)
            {
                Keys.Add(key.Clone());
            }

            return reject ? throw new KeyNotFoundException("no such state") : values;
        }
    }

    private sealed class RecordingMessages : IJobMessageSink
    {
        public List<(JobMessage.Types.MessageImportance, string)> Posted { get; } = [];

        public void Post(JobMessage.Types.MessageImportance importance, string text)
        {
            lock (Posted)
            {
                Posted.Add((importance, text));
            }
        }
    }

    [Theory]
    [InlineData("control")]
    [InlineData("data")]
    [InlineData("state")]
    public async Task A_stream_from_a_worker_id_the_runner_does_not_expect_is_NOT_FOUND(string stream)
    {
        await using var server = await FnApiTestServer.StartAsync();
        using var channel = GrpcChannels.ForEndpoint(server.Endpoint);
        var invoker = channel.CreateCallInvoker();
        var options = new CallOptions(new Metadata { { "worker_id", "stranger" } }, DateTime.UtcNow.AddSeconds(30), TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            switch (stream)
            {
                case "control":
                    using (var call = new BeamFnControl.BeamFnControlClient(invoker).Control(options))
                    {
                        await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken);
                    }

                    break;
                case "data":
                    using (var call = new BeamFnData.BeamFnDataClient(invoker).Data(options))
                    {
                        await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken);
                    }

                    break;
                default:
                    using (var call = new BeamFnState.BeamFnStateClient(invoker).State(options))
                    {
                        await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken);
                    }

                    break;
            }
        });

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.EndsWith("worker_id 'stranger' names no worker this runner started (or it was stopped)", error.Status.Detail, StringComparison.Ordinal);
    }
}
