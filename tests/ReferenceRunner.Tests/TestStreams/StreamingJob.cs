using System.Text;
using BeamConformance.FakeHarness;
using BeamConformance.Model.Windows;
using BeamConformance.Protos.Hosting;
using BeamConformance.ReferenceRunner.Execution;
using BeamConformance.ReferenceRunner.Hosting;
using BeamConformance.ReferenceRunner.Tests.Translation;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Org.Apache.Beam.Model.JobManagement.V1;
using Org.Apache.Beam.Model.Pipeline.V1;
using Event = Org.Apache.Beam.Model.Pipeline.V1.TestStreamPayload.Types.Event;

namespace BeamConformance.ReferenceRunner.Tests.TestStreams;

/// <summary>
/// A ReferenceRunner job server in process (the real JobExecutor) and a FakeHarness worker pool in process (reached
/// through an EXTERNAL environment): pipelines go through Prepare and Run over gRPC; capture sinks report what they got.
/// </summary>
internal sealed class StreamingJob : IAsyncDisposable
{
    private readonly FakeHarnessWorkerPool _pool;
    private readonly ReferenceRunnerServer _server;
    private readonly GrpcChannel _channel;
    private int _runs;

    private StreamingJob(FakeHarnessWorkerPool pool, ReferenceRunnerServer server)
    {
        _pool = pool;
        _server = server;
        _channel = GrpcChannels.ForEndpoint(server.JobEndpoint);
        Jobs = new JobService.JobServiceClient(_channel);
    }

    public JobService.JobServiceClient Jobs { get; }

    public static async Task<StreamingJob> StartAsync()
    {
        var pool = new FakeHarnessWorkerPool(new CaptureStore());
        await pool.StartAsync(TestContext.Current.CancellationToken);
        var server = ReferenceRunnerServer.CreateDefault(new ReferenceRunnerOptions(), new ExecutionOptions { ProgressInterval = null });
        await server.StartAsync(TestContext.Current.CancellationToken);
        return new StreamingJob(pool, server);
    }

    /// <summary>A pipeline whose <c>fakeharness</c> environment is this pool.</summary>
    public StreamPipeline NewPipeline() => new(_pool.Endpoint, $"run{Interlocked.Increment(ref _runs)}");

    /// <summary>Prepares and runs the pipeline; waits for its end; returns the end state, the captures and the messages.</summary>
    public async Task<JobOutcome> RunAsync(StreamPipeline pipeline)
    {
        var ct = TestContext.Current.CancellationToken;
        var prepared = await Jobs.PrepareAsync(new PrepareJobRequest { Pipeline = pipeline.Build(), JobName = pipeline.RunId, PipelineOptions = new Struct() }, cancellationToken: ct);
        await new Hosting.StagingClient(prepared.ArtifactStagingEndpoint.Url).StageAsync(prepared.StagingSessionToken);
        var run = await Jobs.RunAsync(new RunJobRequest { PreparationId = prepared.PreparationId }, cancellationToken: ct);
        var state = JobState.Types.Enum.Unspecified;
        using (var states = Jobs.GetStateStream(new GetJobStateRequest { JobId = run.JobId }, deadline: DateTime.UtcNow.AddSeconds(60), cancellationToken: ct))
        {
            while (await states.ResponseStream.MoveNext(ct))
            {
                state = states.ResponseStream.Current.State;
            }
        }

        var messages = new List<string>();
        using (var stream = Jobs.GetMessageStream(new JobMessagesRequest { JobId = run.JobId }, deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: ct))
        {
            while (await stream.ResponseStream.MoveNext(ct))
            {
                if (stream.ResponseStream.Current.MessageResponse is { } message)
                {
                    messages.Add(message.MessageText);
                }
            }
        }

        var captures = _pool.Captures.GetElements(pipeline.RunId).Select(Format).ToList();
        return new JobOutcome(state, captures, messages);
    }

    /// <summary><c>{transform} {value} @{timestamp ms} {windows} {pane}</c>; a grouped value's iterable in the order received.</summary>
    public static string Format(CaptureRecord r) =>
        $"{r.Transform} {Value(r.Value)} @{r.TimestampMillis} {string.Join(" ", r.Windows.Select(Window))} {r.Pane}";

    private static string Window(BoundedWindow w) => w is IntervalWindow i ? $"[{i.StartMillis},{i.EndMillis})" : w.ToString()!;

    private static string Value(object? value) => value switch
    {
        Model.KV kv => $"{Value(kv.Key)}={Value(kv.Value)}",
        byte[] bytes => "0x" + Convert.ToHexStringLower(bytes),
        IEnumerable<object?> items => "[" + string.Join(",", items.Select(Value)) + "]",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "null",
    };

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _server.DisposeAsync();
        await _pool.DisposeAsync();
    }
}

/// <summary>How a job ended: its last state, its captures (<see cref="StreamingJob.Format"/>) and its messages.</summary>
internal sealed record JobOutcome(JobState.Types.Enum State, List<string> Captures, List<string> Messages)
{
    public override string ToString() => $"{State}\n{string.Join("\n", Captures)}\n--- messages:\n{string.Join("\n", Messages)}";
}

/// <summary>Builds TestStream pipelines on <see cref="TestPipeline"/>'s components, with FakeHarness transforms.</summary>
internal sealed class StreamPipeline
{
    private const string Environment = "fakeharness";
    private readonly TestPipeline _p = new();

    public StreamPipeline(string harnessEndpoint, string runId)
    {
        RunId = runId;
        var environment = new Org.Apache.Beam.Model.Pipeline.V1.Environment
        {
            Urn = "beam:env:external:v1",
            Payload = new ExternalPayload { Endpoint = new ApiServiceDescriptor { Url = harnessEndpoint } }.ToByteString(),
        };
        environment.Capabilities.Add(HarnessUrns.Capabilities);
        _p.Components.Environments[Environment] = environment;
    }

    public string RunId { get; }

    public Components Components => _p.Components;

    public Org.Apache.Beam.Model.Pipeline.V1.Pipeline Build() => _p.Build();

    /// <summary>Fixed 10 s windows, default trigger, EMIT_IF_NONEMPTY, with <paramref name="allowedLatenessMillis"/>; returns its id.</summary>
    public string Fixed10(long allowedLatenessMillis)
    {
        var id = $"fixed10_lateness{allowedLatenessMillis}";
        _p.Windowing(id, "beam:window_fn:fixed_windows:v1", "iw", MergeStatus.Types.Enum.NonMerging,
            new FixedWindowsPayload { Size = Duration.FromTimeSpan(TimeSpan.FromSeconds(10)) }.ToByteString());
        _p.Components.WindowingStrategies[id].AllowedLateness = allowedLatenessMillis;
        _p.Components.WindowingStrategies[id].ClosingBehavior = ClosingBehavior.Types.Enum.EmitIfNonempty;
        _p.Components.WindowingStrategies[id].EnvironmentId = Environment;
        return id;
    }

    /// <summary>Global windows under Repeatedly(AfterProcessingTime(+<paramref name="delayMillis"/>)), discarding, EMIT_IF_NONEMPTY; returns its id.</summary>
    public string GlobalEvery(long delayMillis)
    {
        var id = $"global_every{delayMillis}";
        _p.Windowing(id, "beam:window_fn:global_windows:v1", "gw", MergeStatus.Types.Enum.NonMerging);
        var strategy = _p.Components.WindowingStrategies[id];
        strategy.ClosingBehavior = ClosingBehavior.Types.Enum.EmitIfNonempty;
        strategy.EnvironmentId = Environment;
        var delay = new TimestampTransform { Delay = new TimestampTransform.Types.Delay { DelayMillis = delayMillis } };
        strategy.Trigger = new Trigger
        {
            Repeat = new Trigger.Types.Repeat
            {
                Subtrigger = new Trigger { AfterProcessingTime = new Trigger.Types.AfterProcessingTime { TimestampTransforms = { delay } } },
            },
        };
        return id;
    }

    /// <summary>Adds a coder to the components (e.g. an SDK coder the runner does not know).</summary>
    public void Coder(string id, string urn) => _p.Coder(id, urn);

    /// <summary>A TestStream of <c>KV&lt;string, varint&gt;</c> with outputs <c>{id}.{tag}</c> (UNBOUNDED, global windows).</summary>
    public Dictionary<string, string> TestStream(string id, IEnumerable<Event> events, string[]? tags = null, string? endpoint = null, string coder = "kv_str_varint")
    {
        var payload = new TestStreamPayload { CoderId = coder };
        payload.Events.AddRange(events);
        if (endpoint is not null)
        {
            payload.Endpoint = new ApiServiceDescriptor { Url = endpoint };
        }

        var outputs = (tags ?? ["out"]).ToDictionary(static t => t, t => Unbounded(_p.PCollection($"{id}.{t}", coder)));
        _p.Transform(id, "beam:transform:teststream:v1", "", [], outputs.Select(static o => (o.Key, o.Value)), payload.ToByteString());
        return outputs;
    }

    public string WindowInto(string id, string input, string windowing)
    {
        var spec = new WindowIntoPayload { WindowFn = _p.Components.WindowingStrategies[windowing].WindowFn };
        _p.Transform(id, "beam:transform:window_into:v1", Environment, [("main", input)], [("out", Unbounded(_p.PCollection(id + ".out", Coder(input), windowing)))], spec.ToByteString());
        return id + ".out";
    }

    public string GroupByKey(string id, string input) => Unbounded(_p.GroupByKey(id, input));

    public string Flatten(string id, params string[] inputs) => Unbounded(_p.Flatten(id, Coder(inputs[0]), inputs));

    /// <summary>A capture sink named <paramref name="id"/>.</summary>
    public void Capture(string id, string input)
    {
        var payload = new ParDoPayload
        {
            DoFn = new FunctionSpec { Urn = HarnessUrns.Capture, Payload = ByteString.CopyFrom($"{{\"run\":\"{RunId}\"}}", Encoding.UTF8) },
        };
        _p.Transform(id, "beam:transform:pardo:v1", Environment, [("main", input)], [], payload.ToByteString());
    }

    private string Coder(string pcollection) => _p.Components.Pcollections[pcollection].CoderId;

    private string Unbounded(string pcollection)
    {
        _p.Components.Pcollections[pcollection].IsBounded = IsBounded.Types.Enum.Unbounded;
        return pcollection;
    }
}
