using BeamConformance.ReferenceRunner.Execution;
using BeamConformance.ReferenceRunner.FnApi;
using BeamConformance.ReferenceRunner.Tests.FnApi;
using BeamConformance.ReferenceRunner.Tests.Translation;
using BeamConformance.ReferenceRunner.Translation;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging.Abstractions;
using Org.Apache.Beam.Model.FnExecution.V1;
using Org.Apache.Beam.Model.JobManagement.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Tests.Execution;

public sealed class JobExecutorTests
{
    // Windowed-value header of ungrouped data: min timestamp, one global window, pane NO_FIRING (0f).
    internal const string MinTimestampGlobal = "7fdf3b645a1cac09" + "00000001" + "0f";

    // GroupByKey output in the global window: END_OF_WINDOW timestamp (end of the global window), the ON_TIME
    // first-and-last pane (07).
    private const string EndOfGlobalWindowOnTime = "8020c49ba0bcf7f7" + "00000001" + "07";

    private static readonly ExecutionOptions Options = new() { WorkerConnectTimeout = TimeSpan.FromSeconds(120), ProgressInterval = null };

    [Fact]
    public async Task Impulse_stage_GroupByKey_stage_runs_end_to_end_with_exact_bytes()
    {
        var p = new TestPipeline();
        var grouped = p.GroupByKey("gbk", p.ParDo("a", p.Impulse("impulse"), coder: "kv_str_varint"));
        p.ParDo("b", grouped);
        string? impulseBytes = null;
        var grouped_ = new List<string>();
        await using var server = await FnApiTestServer.StartAsync();
        var launcher = new HarnessLauncher(server.Endpoint, bundle =>
        {
            if (bundle.Sinks.Any())
            {
                // Stage 1: reads the impulse, writes KV<string, varint> ("a", 1), ("b", 2), ("a", 3).
                impulseBytes = Convert.ToHexStringLower(bundle.SingleInput);
                var output = Convert.FromHexString(
                    MinTimestampGlobal + "0161" + "01" + MinTimestampGlobal + "0162" + "02" + MinTimestampGlobal + "0161" + "03");
                return Task.FromResult(new HarnessResult
                {
                    Outputs = { [bundle.Sinks.Single()] = [output] },
                    MonitoringInfos = { Counter("beam:metric:element_count:v1", ("PCOLLECTION", "a.out"), 3) },
                });
            }

            // Stage 2: records the grouped elements it is sent.
            lock (grouped_)
            {
                grouped_.Add(Convert.ToHexStringLower(bundle.SingleInput));
            }

            return Task.FromResult(new HarnessResult { MonitoringInfos = { Counter("beam:metric:user:sum_int64:v1", ("PTRANSFORM", "b"), 2) } });
        });
        var context = Context("job1", p.Build(), launcher);

        await new JobExecutor(server.Services, Options).ExecuteAsync(context, TestContext.Current.CancellationToken);

        Assert.Equal("7fdf3b645a1cac09000000010f00", impulseBytes);
        var expected = new[]
        {
            EndOfGlobalWindowOnTime + "0161" + "00000002" + "01" + "03",
            EndOfGlobalWindowOnTime + "0162" + "00000001" + "02",
        };
        Assert.Equal(expected.Order(), SplitElements(grouped_).Order());
        var committed = context.Metrics.ToMetricResults().Committed;
        Assert.Equal(
            ["beam:metric:element_count:v1 a.out=03", "beam:metric:user:sum_int64:v1 b=02"],
            committed.Select(static m => $"{m.Urn} {m.Labels.Values.Single()}={Convert.ToHexStringLower(m.Payload.Span)}").Order());
        var started = Assert.Single(launcher.Started);
        Assert.Equal("js", started.EnvironmentId);
        Assert.Equal([started.WorkerId], launcher.Stopped);
    }

    [Fact]
    public async Task Side_input_reads_are_answered_from_the_completed_side_PCollection()
    {
        var p = new TestPipeline();
        var impulse = p.Impulse("impulse");
        var main = p.ParDo("a", impulse, coder: "str");
        var side = p.ParDo("s", impulse, coder: "varint");
        p.ParDo("c", main, sides: [("side0", side, "beam:side_input:iterable:v1")]);
        string? sideValues = null;
        string? mainInput = null;
        await using var server = await FnApiTestServer.StartAsync();
        var launcher = new HarnessLauncher(server.Endpoint, async bundle =>
        {
            if (bundle.Sinks.Any())
            {
                // Stage 1: "x" to the main output, 5 and 6 to the side output.
                var sinks = bundle.Descriptor.Transforms.Where(static t => t.Value.Spec.Urn == "beam:runner:sink:v1")
                    .ToDictionary(static t => t.Value.Inputs.Values.Single(), static t => t.Key);
                return new HarnessResult
                {
                    Outputs =
                    {
                        [sinks["a.out"]] = [Convert.FromHexString(MinTimestampGlobal + "0178")],
                        [sinks["s.out"]] = [Convert.FromHexString(MinTimestampGlobal + "05" + MinTimestampGlobal + "06")],
                    },
                };
            }

            mainInput = Convert.ToHexStringLower(bundle.SingleInput);
            var key = new StateKey { IterableSideInput = new StateKey.Types.IterableSideInput { TransformId = "c", SideInputId = "side0", Window = ByteString.Empty } };
            var pages = await bundle.GetStateAsync(key);
            sideValues = string.Concat(pages.Select(static page => Convert.ToHexStringLower(page.Data.Span)));
            return new HarnessResult();
        });

        await new JobExecutor(server.Services, Options).ExecuteAsync(Context("job2", p.Build(), launcher), TestContext.Current.CancellationToken);

        Assert.Equal(MinTimestampGlobal + "0178", mainInput);
        Assert.Equal("0506", sideValues);
    }

    [Fact]
    public async Task A_process_worker_that_exits_before_connecting_fails_the_job_at_once_with_its_exit_code_and_output()
    {
        var directory = Directory.CreateTempSubdirectory("beam-dying-worker-").FullName;
        try
        {
            var script = Path.Combine(directory, "boot.sh");
            await File.WriteAllTextAsync(script, "#!/bin/sh\necho 'cannot import apache_beam' >&2\nexit 2\n", TestContext.Current.CancellationToken);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var p = new TestPipeline();
            p.ParDo("a", p.Impulse("impulse"));
            p.Components.Environments["js"] = Hosting.Pipelines.Process(script);
            await using var server = await FnApiTestServer.StartAsync();
            var context = Context("job4", p.Build(), new BeamConformance.ReferenceRunner.Environments.EnvironmentLauncher(server.Endpoint, allowProcessEnvironment: true, NullLoggerFactory.Instance));
            var started = System.Diagnostics.Stopwatch.StartNew();

            var error = await Assert.ThrowsAsync<JobFailedException>(
                () => new JobExecutor(server.Services, Options).ExecuteAsync(context, TestContext.Current.CancellationToken));

            Assert.InRange(started.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
            Assert.Equal(
                $"worker job4-js-1 for environment js ended before it connected: worker job4-js-1 (command '{script}') exited with code 2; its last 1 line(s) of output:\ncannot import apache_beam",
                error.Message);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_worker_that_never_connects_fails_the_job_naming_worker_and_environment()
    {
        var p = new TestPipeline();
        p.ParDo("a", p.Impulse("impulse"));
        await using var server = await FnApiTestServer.StartAsync();
        var launcher = new HarnessLauncher(server.Endpoint, _ => Task.FromResult(new HarnessResult()), connect: false);
        var options = Options with { WorkerConnectTimeout = TimeSpan.FromMilliseconds(300) };

        var error = await Assert.ThrowsAsync<JobFailedException>(
            () => new JobExecutor(server.Services, options).ExecuteAsync(Context("job3", p.Build(), launcher), TestContext.Current.CancellationToken));

        var worker = Assert.Single(launcher.Started).WorkerId;
        Assert.Equal($"worker {worker} for environment js never connected: no control stream within 0.3 s", error.Message);
        Assert.Equal([worker], launcher.Stopped);
    }

    [Fact]
    public async Task A_failed_bundle_fails_the_job_with_the_sdk_error_text_and_commits_nothing()
    {
        var p = new TestPipeline();
        p.ParDo("b", p.GroupByKey("gbk", p.ParDo("a", p.Impulse("impulse"), coder: "kv_str_varint")));
        await using var server = await FnApiTestServer.StartAsync();
        var launcher = new HarnessLauncher(server.Endpoint, _ => throw new InvalidOperationException("Traceback: ValueError: bad element"));
        var context = Context("job4", p.Build(), launcher);

        var error = await Assert.ThrowsAsync<JobFailedException>(
            () => new JobExecutor(server.Services, Options).ExecuteAsync(context, TestContext.Current.CancellationToken));

        Assert.Matches(@"^bundle bundle-\d+ of stage '[^']+' failed: SDK worker 'job4-js-1' reported: Traceback: ValueError: bad element$", error.Message);
        Assert.Empty(context.Metrics.ToMetricResults().Committed);
        Assert.Equal(["job4-js-1"], launcher.Stopped);
    }

    [Fact]
    public async Task A_worker_that_disconnects_mid_bundle_fails_the_job_with_that_reason()
    {
        var p = new TestPipeline();
        p.ParDo("a", p.Impulse("impulse"));
        await using var server = await FnApiTestServer.StartAsync();
        TestHarness? running = null;
        var launcher = new HarnessLauncher(server.Endpoint, async _ =>
        {
            await running!.CrashAsync(); // the SDK process dies while processing the bundle
            return new HarnessResult();
        });
        launcher.OnConnected = harness => running = harness;
        var context = Context("job5", p.Build(), launcher);

        var error = await Assert.ThrowsAsync<JobFailedException>(
            () => new JobExecutor(server.Services, Options).ExecuteAsync(context, TestContext.Current.CancellationToken));

        Assert.Matches(@"^bundle bundle-\d+ of stage '[^']+' failed: SDK worker 'job5-js-1' disconnected mid-bundle: ", error.Message);
        Assert.Equal(["job5-js-1"], launcher.Stopped);
    }

    [Fact]
    public async Task Cancelling_a_job_stops_its_workers_and_commits_nothing()
    {
        var p = new TestPipeline();
        p.ParDo("b", p.GroupByKey("gbk", p.ParDo("a", p.Impulse("impulse"), coder: "kv_str_varint")));
        await using var server = await FnApiTestServer.StartAsync();
        var inBundle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var launcher = new HarnessLauncher(server.Endpoint, async _ =>
        {
            inBundle.TrySetResult();
            await Task.Delay(Timeout.Infinite, TestContext.Current.CancellationToken);
            return new HarnessResult();
        });
        var context = Context("job6", p.Build(), launcher);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var job = new JobExecutor(server.Services, Options).ExecuteAsync(context, cancel.Token);
        await inBundle.Task.WaitAsync(TimeSpan.FromSeconds(120), TestContext.Current.CancellationToken);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job.WaitAsync(TimeSpan.FromSeconds(120), TestContext.Current.CancellationToken));
        Assert.Equal(["job6-js-1"], launcher.Stopped);
        Assert.Empty(context.Metrics.ToMetricResults().Committed);
    }

    /// <summary>A run context over the fused <paramref name="pipeline"/> (PROCESS environments allowed), fresh metrics, no logging.</summary>
    internal static JobRunContext Context(string jobId, Org.Apache.Beam.Model.Pipeline.V1.Pipeline pipeline, IEnvironmentLauncher launcher, IJobMessageSink? messages = null) => new()
    {
        JobId = jobId,
        Pipeline = pipeline,
        Translation = PipelineFuser.Fuse(pipeline, new TranslationOptions { AllowProcessEnvironment = true }),
        PipelineOptions = new Struct(),
        Environments = launcher,
        Messages = messages ?? new NoMessages(),
        Metrics = new JobMetrics(),
        LoggerFactory = NullLoggerFactory.Instance,
    };

    private static MonitoringInfo Counter(string urn, (string Key, string Value) label, long value)
    {
        var info = new MonitoringInfo { Urn = urn, Type = "beam:metrics:sum_int64:v1", Payload = ByteString.CopyFrom((byte)value) };
        info.Labels[label.Key] = label.Value;
        return info;
    }

    /// <summary>Splits received data into its windowed values (every test element here starts with an 8-byte timestamp).</summary>
    private static IEnumerable<string> SplitElements(IEnumerable<string> data) =>
        data.SelectMany(static hex => hex.Split(EndOfGlobalWindowOnTime, StringSplitOptions.RemoveEmptyEntries)).Select(static e => EndOfGlobalWindowOnTime + e);

    internal sealed class NoMessages : IJobMessageSink
    {
        public void Post(JobMessage.Types.MessageImportance importance, string text)
        {
        }
    }
}
