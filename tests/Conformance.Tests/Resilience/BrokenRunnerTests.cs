using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using BeamConformance.Conformance.Running;

namespace BeamConformance.Conformance.Tests.Resilience;

/// <summary>
/// The <c>run</c> command against a ReferenceRunner in its own process that dies, freezes or was never there, and
/// against a port that answers garbage: the affected scenarios fail with a clear reason, the run goes on, the reports
/// are always written, and an endpoint that does not answer at all fails at once with one message (exit code 2).
/// </summary>
[Trait("category", "resilience")]
public sealed class BrokenRunnerTests : IDisposable
{
    // The impulse area: six quick scenarios, in id order.
    private static readonly ScenarioSelection Impulse = new(null, ["impulse"], []);
    private readonly DirectoryInfo _out = Directory.CreateTempSubdirectory("beam-conformance-");

    [Fact]
    public async Task A_runner_killed_mid_run_fails_the_remaining_scenarios_as_unreachable_and_the_reports_are_written()
    {
        await using var runner = await RunnerProcess.StartAsync();
        var stdout = new TriggerWriter("[1/6]", runner.Kill);

        var code = await RunCommand.RunAsync(Options(runner.JobEndpoint), stdout, new StringWriter(), TestContext.Current.CancellationToken);

        Assert.Equal(1, code);
        var (summary, scenarios) = Results();
        Assert.Equal(["passed", "failed", "failed", "failed", "failed", "failed"], scenarios.Select(s => s.Outcome));
        Assert.All(scenarios.Skip(1), s => Assert.StartsWith("the runner could not be reached during Prepare (it died, or nothing listens at the endpoint): UNAVAILABLE:", s.Details, StringComparison.Ordinal));
        Assert.Equal((6, 1, 5, JsonValueKind.Null), (summary.GetProperty("planned").GetInt32(), summary.GetProperty("passed").GetInt32(), summary.GetProperty("failed").GetInt32(), summary.GetProperty("stopped").ValueKind));
        Assert.EndsWith("1 passed, 5 failed" + Environment.NewLine, stdout.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_out.FullName, "results.xml")) && File.Exists(Path.Combine(_out.FullName, "summary.md")));
    }

    [Fact]
    public async Task A_frozen_runner_fails_each_remaining_scenario_at_its_deadline()
    {
        await using var runner = await RunnerProcess.StartAsync();

        // A first run warms the runner up, so that the first scenario of the measured run passes well within 2 s.
        Assert.Equal(0, await RunCommand.RunAsync(Options(runner.JobEndpoint), new StringWriter(), new StringWriter(), TestContext.Current.CancellationToken));
        var stdout = new TriggerWriter("[1/6]", runner.Freeze);
        var watch = Stopwatch.StartNew();

        var code = await RunCommand.RunAsync(Options(runner.JobEndpoint) with { Timeout = TimeSpan.FromSeconds(2) }, stdout, new StringWriter(), TestContext.Current.CancellationToken);

        Assert.Equal(1, code);
        var (_, scenarios) = Results();
        Assert.Equal(["passed", "failed", "failed", "failed", "failed", "failed"], scenarios.Select(s => s.Outcome));
        Assert.All(scenarios.Skip(1), s => Assert.Equal("the runner did not answer Prepare within the deadline of 2000 ms (it hangs or is overloaded): DEADLINE_EXCEEDED", s.Details));
        Assert.All(scenarios.Skip(1), s => Assert.InRange(s.DurationMs, 1900, 6000));

        // Five deadlines of 2 s (no job was created, so no Cancel is attempted).
        Assert.InRange(watch.Elapsed.TotalSeconds, 10, 35);
    }

    [Fact]
    public async Task Fail_fast_stops_after_the_first_failure_and_says_so()
    {
        await using var runner = await RunnerProcess.StartAsync();
        var stdout = new TriggerWriter("[1/6]", runner.Kill);

        var code = await RunCommand.RunAsync(Options(runner.JobEndpoint) with { FailFast = true }, stdout, new StringWriter(), TestContext.Current.CancellationToken);

        Assert.Equal(1, code);
        var (summary, scenarios) = Results();
        Assert.Equal(["passed", "failed"], scenarios.Select(s => s.Outcome));
        Assert.Equal("stopped by --fail-fast after impulse/descriptor_reads_from_runner; 4 of 6 scenarios not run", summary.GetProperty("stopped").GetString());
        Assert.EndsWith("1 passed, 1 failed, 4 not run" + Environment.NewLine, stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_interrupted_run_writes_the_reports_so_far_and_exits_130()
    {
        await using var runner = await RunnerProcess.StartAsync();
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var stdout = new TriggerWriter("[2/6]", interrupt.Cancel);

        var code = await RunCommand.RunAsync(Options(runner.JobEndpoint), stdout, new StringWriter(), interrupt.Token);

        Assert.Equal(RunCommand.InterruptedExitCode, code);
        var (summary, scenarios) = Results();
        Assert.Equal(["passed", "passed"], scenarios.Select(s => s.Outcome));
        Assert.Equal("interrupted after 2 of 6 scenarios", summary.GetProperty("stopped").GetString());
        Assert.False(summary.GetProperty("succeeded").GetBoolean());
    }

    [Fact]
    public async Task A_frozen_runner_fails_the_preflight_check_with_one_message()
    {
        await using var runner = await RunnerProcess.StartAsync();
        runner.Freeze();
        var stderr = new StringWriter();

        var code = await RunCommand.RunAsync(Options(runner.JobEndpoint) with { PreflightTimeout = TimeSpan.FromMilliseconds(500) }, new StringWriter(), stderr, TestContext.Current.CancellationToken);

        Assert.Equal(2, code);
        Assert.Equal($"error: no Beam job service answers at {runner.JobEndpoint} (--endpoint): the runner did not answer GetJobs within the deadline of 500 ms (it hangs or is overloaded): DEADLINE_EXCEEDED. Is the runner started, and is this its job endpoint?" + Environment.NewLine, stderr.ToString());
        Assert.False(File.Exists(Path.Combine(_out.FullName, "results.json")));
    }

    [Fact]
    public async Task No_listener_fails_the_preflight_check_with_one_message()
    {
        var port = FreePort();
        var stderr = new StringWriter();

        var code = await RunCommand.RunAsync(Options($"127.0.0.1:{port}"), new StringWriter(), stderr, TestContext.Current.CancellationToken);

        Assert.Equal(2, code);
        Assert.StartsWith($"error: no Beam job service answers at 127.0.0.1:{port} (--endpoint): the runner could not be reached during GetJobs (it died, or nothing listens at the endpoint): UNAVAILABLE:", stderr.ToString(), StringComparison.Ordinal);
        Assert.Single(stderr.ToString().TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task A_port_answering_garbage_fails_the_preflight_check()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var garbage = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync(TestContext.Current.CancellationToken);
            var stream = client.GetStream();
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"u8.ToArray(), TestContext.Current.CancellationToken);
            await Task.Delay(2000, TestContext.Current.CancellationToken);
        }, TestContext.Current.CancellationToken);
        var stderr = new StringWriter();

        var code = await RunCommand.RunAsync(Options($"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}") with { PreflightTimeout = TimeSpan.FromSeconds(1) },
            new StringWriter(), stderr, TestContext.Current.CancellationToken);

        Assert.Equal(2, code);
        Assert.StartsWith($"error: no Beam job service answers at 127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port} (--endpoint): the runner", stderr.ToString(), StringComparison.Ordinal);
        Assert.Single(stderr.ToString().TrimEnd().Split('\n'));
    }

    public void Dispose() => _out.Delete(recursive: true);

    private RunOptions Options(string endpoint) => new(endpoint, "--endpoint", Impulse, null, _out);

    private (JsonElement Summary, List<(string Id, string Outcome, string Details, long DurationMs)> Scenarios) Results()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out.FullName, "results.json")));
        var root = json.RootElement;
        return (root.GetProperty("summary").Clone(), [.. root.GetProperty("scenarios").EnumerateArray().Select(s =>
            (s.GetProperty("id").GetString()!, s.GetProperty("outcome").GetString()!, s.GetProperty("details").GetString()!, s.GetProperty("duration_ms").GetInt64()))]);
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
