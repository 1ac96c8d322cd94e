using BeamConformance.Model.Coders;
using Grpc.Core;
using BeamConformance.Protos.Hosting;
using Google.Protobuf.WellKnownTypes;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness.Tests;

/// <summary>Descriptor fetching, monitoring infos, logging and the out-of-process capture service.</summary>
public sealed class ControlTests
{
    [Fact]
    public async Task Fetches_an_unregistered_descriptor_and_reports_element_counts_under_short_ids()
    {
        await using var session = await HarnessSession.StartAsync();
        var d = session.NewDescriptor("fetched", "run-7");
        d.PCollection("impulse", d.Bytes);
        d.PCollection("numbers", d.VarInt);
        d.Source("src", "impulse", d.Windowed(d.Bytes, d.GlobalWindowCoder));
        d.ParDo("Create", "beamconformance:transform:create:v1", """{"values": [5, 6, 7]}""", new() { ["main"] = "impulse" }, new() { ["out"] = "numbers" });
        d.Sink("sink", "numbers", d.Windowed(d.VarInt, d.GlobalWindowCoder));
        session.Runner.Descriptors["fetched"] = d.Descriptor;

        var response = await session.RunBundleAsync("fetched", "b1", "src", HarnessSession.ImpulseBytes);

        Assert.Equal(string.Empty, response.Error);
        Assert.Equal(3 * 14, (await session.Runner.ReceivedAsync("b1", "sink")).Length);
        var counts = response.ProcessBundle.MonitoringInfos.ToDictionary(m => m.Labels["PCOLLECTION"], m => (long)VarIntCoder.Instance.DecodeFrom(m.Payload.Span)!);
        Assert.Equal(new Dictionary<string, long> { ["impulse"] = 1, ["numbers"] = 3 }, counts);
        var metadataRequest = new MonitoringInfosMetadataRequest();
        metadataRequest.MonitoringInfoId.AddRange(response.ProcessBundle.MonitoringData.Keys);
        var metadata = (await session.Runner.SendAsync(new InstructionRequest { MonitoringInfos = metadataRequest })).MonitoringInfos.MonitoringInfo;
        Assert.Equal(
            response.ProcessBundle.MonitoringData.Keys.Order(),
            metadata.Keys.Order());
        Assert.All(metadata.Values, m => Assert.Equal(("beam:metric:element_count:v1", "beam:metrics:sum_int64:v1"), (m.Urn, m.Type)));
        var recording = session.Recorder.Get("run-7");
        Assert.Equal("fetched", Assert.Single(recording.Descriptors).Id);
        Assert.Equal(["process_bundle", "monitoring_infos"], recording.Instructions.Select(i => i.Kind));
        Assert.Contains(session.Runner.Logs, e => e.Message.Contains("worker-1 started", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_worker_without_a_capture_store_reports_to_the_capture_service_named_by_the_pipeline_options()
    {
        var store = new CaptureStore();
        await using var captureServer = new GrpcServer();
        new CaptureServer(store).BindService(captureServer);
        var captureAddress = await captureServer.StartAsync(TestContext.Current.CancellationToken);
        await using var runner = await FakeRunner.StartAsync();
        runner.PipelineOptions.Fields["beam:option:capture_endpoint:v1"] = Value.ForString($"{captureAddress.Host}:{captureAddress.Port}");
        var worker = new FakeHarnessWorker(new WorkerEndpoints("process-1", runner.Endpoint, ProvisionEndpoint: runner.Endpoint), captures: null);
        using var stop = new CancellationTokenSource();
        var running = worker.RunAsync(stop.Token);
        await runner.WorkerConnected.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var d = new DescriptorBuilder("stage-1", "run-9", runner.Endpoint);
        d.PCollection("impulse", d.Bytes);
        d.PCollection("words", d.Kv(d.StringUtf8, d.Iterable(d.Coder("beamconformance:coder:custom:blob:v1"))));
        d.Source("src", "impulse", d.Windowed(d.Bytes, d.GlobalWindowCoder));
        d.ParDo("Create", "beamconformance:transform:create:v1", """{"values": [["a", ["xy", {"hex": "00"}]]]}""", new() { ["main"] = "impulse" }, new() { ["out"] = "words" });
        d.ParDo("Out", "beamconformance:transform:capture:v1", "{}", new() { ["main"] = "words" }, []);
        runner.Descriptors["stage-1"] = d.Descriptor;
        var bundle = runner.Start(new InstructionRequest { InstructionId = "b1", ProcessBundle = new ProcessBundleRequest { ProcessBundleDescriptorId = "stage-1" } });
        await runner.SendDataAsync("b1", "src", HarnessSession.ImpulseBytes, isLast: true);

        var response = await bundle.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(string.Empty, response.Error);
        var captured = Assert.Single(store.GetElements("run-9", "Out"));
        Assert.Equal("(\"a\": [0x7879, 0x00])", Show.Value(captured.Value));
        Assert.Equal(Model.PaneInfo.NoFiring, captured.Pane);
        Assert.Equal(Model.BeamTime.MinTimestampMillis, captured.TimestampMillis);
        await stop.CancelAsync();
        await Task.WhenAny(running, Task.Delay(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.True(running.IsCompleted);
    }
}
