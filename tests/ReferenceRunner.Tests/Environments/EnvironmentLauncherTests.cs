using Google.Protobuf;
using BeamConformance.ReferenceRunner.Environments;
using BeamConformance.ReferenceRunner.Execution;
using BeamConformance.ReferenceRunner.Tests.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Org.Apache.Beam.Model.Pipeline.V1;
using Environment = Org.Apache.Beam.Model.Pipeline.V1.Environment;

namespace BeamConformance.ReferenceRunner.Tests.Environments;

/// <summary>EnvironmentLauncher: EXTERNAL through a worker pool, PROCESS as a child process, AnyOf, refusals.</summary>
public sealed class EnvironmentLauncherTests : IDisposable
{
    private const string FnApi = "127.0.0.1:7777";
    private readonly string _directory = Directory.CreateTempSubdirectory("beam-process-env-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task External_calls_StartWorker_with_every_endpoint_and_the_params_and_StopWorker_on_dispose()
    {
        await using var pool = await FakeWorkerPool.StartAsync();
        var launcher = new EnvironmentLauncher(FnApi, allowProcessEnvironment: false, NullLoggerFactory.Instance);
        var environment = new Environment
        {
            Urn = "beam:env:external:v1",
            Payload = new ExternalPayload { Endpoint = new ApiServiceDescriptor { Url = pool.Endpoint }, Params = { ["mode"] = "loopback" } }.ToByteString(),
        };

        var lease = await launcher.StartWorkerAsync("worker-1", "env", environment, TestContext.Current.CancellationToken);
        var started = Assert.Single(pool.Started);
        await lease.DisposeAsync();

        Assert.Equal("worker-1", lease.WorkerId);
        Assert.Equal("worker-1", started.WorkerId);
        Assert.Equal([FnApi, FnApi, FnApi, FnApi], new[] { started.ControlEndpoint, started.LoggingEndpoint, started.ArtifactEndpoint, started.ProvisionEndpoint }.Select(e => e.Url));
        Assert.Equal("loopback", started.Params["mode"]);
        Assert.Equal(["worker-1"], pool.Stopped);
    }

    [Fact]
    public async Task External_StartWorker_error_fails_with_the_pool_s_reason()
    {
        await using var pool = await FakeWorkerPool.StartAsync();
        pool.StartError = "no capacity";
        var launcher = new EnvironmentLauncher(FnApi, allowProcessEnvironment: false, NullLoggerFactory.Instance);

        var error = await Assert.ThrowsAsync<JobFailedException>(() => launcher.StartWorkerAsync("worker-1", "env", Pipelines.External(pool.Endpoint), TestContext.Current.CancellationToken));

        Assert.Equal($"The worker pool at {pool.Endpoint} refused to start worker 'worker-1' for environment 'env': no capacity", error.Message);
    }

    [Fact]
    public async Task External_with_an_unreachable_pool_fails_naming_the_endpoint()
    {
        var launcher = new EnvironmentLauncher(FnApi, allowProcessEnvironment: false, NullLoggerFactory.Instance);

        var error = await Assert.ThrowsAsync<JobFailedException>(() => launcher.StartWorkerAsync("worker-1", "env", Pipelines.External("127.0.0.1:1"), TestContext.Current.CancellationToken));

        Assert.StartsWith("Could not start worker 'worker-1' for environment 'env': StartWorker at 127.0.0.1:1 failed with Unavailable", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, bool, string> Refusals => new()
    {
        // PROCESS without the opt-in.
        { "process", false, "Cannot start a worker for environment 'env' (beam:env:process:v1): PROCESS environments are refused unless the runner is started with --allow-process-environment (the pipeline names the command to run)." },
        // DOCKER: a later issue.
        { "docker", true, "Cannot start a worker for environment 'env' (beam:env:docker:v1): DOCKER environments are not supported yet; use EXTERNAL (the SDK's LOOPBACK mode) or PROCESS." },
        // The default environment is not something the runner can start.
        { "default", true, "Cannot start a worker for environment 'env' (beam:env:default:v1): unknown environment type; supported: beam:env:external:v1, beam:env:process:v1 (with --allow-process-environment), beam:env:anyof:v1." },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Unsupported_environments_are_refused(string kind, bool allowProcess, string expected)
    {
        var launcher = new EnvironmentLauncher(FnApi, allowProcess, NullLoggerFactory.Instance);
        var environment = kind switch
        {
            "process" => Pipelines.Process("/bin/true"),
            "docker" => Pipelines.Docker(),
            _ => new Environment { Urn = "beam:env:default:v1" },
        };

        var error = await Assert.ThrowsAsync<JobFailedException>(() => launcher.StartWorkerAsync("worker-1", "env", environment, TestContext.Current.CancellationToken));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public async Task Process_runs_the_command_with_the_container_contract_flags_and_the_payload_env()
    {
        var output = Path.Combine(_directory, "out.txt");
        var script = WriteScript("boot.sh", $"#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done > {output}.tmp\necho \"BEAM_TEST=$BEAM_TEST\" >> {output}.tmp\nmv {output}.tmp {output}\n");
        var launcher = new EnvironmentLauncher(FnApi, allowProcessEnvironment: true, NullLoggerFactory.Instance);
        var environment = new Environment
        {
            Urn = "beam:env:process:v1",
            Payload = new ProcessPayload { Command = script, Env = { ["BEAM_TEST"] = "from-payload" } }.ToByteString(),
        };

        var lease = await launcher.StartWorkerAsync("worker-7", "env", environment, TestContext.Current.CancellationToken);
        var lines = await ReadWhenWrittenAsync(output);
        await lease.DisposeAsync();

        Assert.Equal(
            [
                "--id=worker-7",
                $"--control_endpoint={FnApi}",
                $"--logging_endpoint={FnApi}",
                $"--artifact_endpoint={FnApi}",
                $"--provision_endpoint={FnApi}",
                "BEAM_TEST=from-payload",
            ],
            lines);
    }

    [Fact]
    public async Task Disposing_a_process_lease_kills_the_worker()
    {
        var pidFile = Path.Combine(_directory, "pid");
        var script = WriteScript("sleepy.sh", $"#!/bin/sh\necho $$ > {pidFile}.tmp\nmv {pidFile}.tmp {pidFile}\nexec sleep 600\n");
        var launcher = new EnvironmentLauncher(FnApi, allowProcessEnvironment: true, NullLoggerFactory.Instance);

        var lease = await launcher.StartWorkerAsync("worker-1", "env", Pipelines.Process(script), TestContext.Current.CancellationToken);
        var pid = int.Parse(Assert.Single(await ReadWhenWrittenAsync(pidFile)), System.Globalization.CultureInfo.InvariantCulture);
        await lease.DisposeAsync();

        Assert.False(Directory.Exists($"/proc/{pid}"), $"process {pid} still exists");
    }

    [Fact]
    public async Task A_process_that_exits_on_its_own_ends_its_lease_with_the_exit_code_and_its_last_20_lines()
    {
        var script = WriteScript("dies.sh", "#!/bin/sh\nfor i in $(seq 1 25); do echo \"line $i\"; done\necho 'no such module'\nexit 3\n");
        var launcher = new EnvironmentLauncher(FnApi, allowProcessEnvironment: true, NullLoggerFactory.Instance);

        await using var lease = await launcher.StartWorkerAsync("worker-1", "env", Pipelines.Process(script), TestContext.Current.CancellationToken);
        var ended = await lease.Ended!.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        var lines = ended.Split('\n');
        Assert.Equal($"worker worker-1 (command '{script}') exited with code 3; its last 20 line(s) of output:", lines[0]);
        Assert.Equal([.. Enumerable.Range(7, 19).Select(static i => $"line {i}"), "no such module"], lines[1..]);
    }

    [Fact]
    public async Task A_process_the_runner_stops_does_not_end_its_lease_on_its_own()
    {
        var script = WriteScript("sleeps.sh", "#!/bin/sh\nexec sleep 600\n");
        var launcher = new EnvironmentLauncher(FnApi, allowProcessEnvironment: true, NullLoggerFactory.Instance);

        var lease = await launcher.StartWorkerAsync("worker-1", "env", Pipelines.Process(script), TestContext.Current.CancellationToken);
        await lease.DisposeAsync();
        await Task.Delay(300, TestContext.Current.CancellationToken);

        Assert.False(lease.Ended!.IsCompleted);
    }

    [Fact]
    public async Task AnyOf_starts_its_first_supported_choice()
    {
        await using var pool = await FakeWorkerPool.StartAsync();
        var launcher = new EnvironmentLauncher(FnApi, allowProcessEnvironment: false, NullLoggerFactory.Instance);
        var anyOf = new AnyOfEnvironmentPayload { Environments = { Pipelines.Docker(), Pipelines.Process("/bin/true"), Pipelines.External(pool.Endpoint) } };

        var lease = await launcher.StartWorkerAsync("worker-3", "env", new Environment { Urn = "beam:env:anyof:v1", Payload = anyOf.ToByteString() }, TestContext.Current.CancellationToken);
        await lease.DisposeAsync();

        Assert.Equal("worker-3", Assert.Single(pool.Started).WorkerId);
    }

    private string WriteScript(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    private static async Task<string[]> ReadWhenWrittenAsync(string path)
    {
        // The script renames its output into place when complete; poll for it (bounded by the test's timeout).
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (!File.Exists(path))
        {
            await Task.Delay(20, timeout.Token);
        }

        return await File.ReadAllLinesAsync(path, timeout.Token);
    }
}
