using Grpc.Net.Client;
using BeamConformance.Protos.Hosting;
using BeamConformance.Interop.Tests;
using Grpc.Core;
using Org.Apache.Beam.Model.JobManagement.V1;

namespace BeamConformance.Robustness.Tests;

/// <summary>
/// The ReferenceRunner executable in its own process, as a hostile client meets it: default message limits, no
/// PROCESS environments, a short job retention (so that thousands of cases keep memory flat), a 5 s staging deadline
/// and a staging directory this fixture owns (so that files written outside it would show).
/// </summary>
public sealed class FuzzRunner : IAsyncLifetime
{
    private readonly RunnerProcess _process;
    private GrpcChannel? _jobs;
    private GrpcChannel? _fn;

    public FuzzRunner()
    {
        StagingDirectory = Directory.CreateTempSubdirectory("beam-fuzz-staging-").FullName;
        _process = new RunnerProcess(["--job-port", "0", "--bind", "127.0.0.1", "--job-retention", "2m,300", "--staging-timeout", "5", "--staging-dir", StagingDirectory]);
    }

    /// <summary>The runner's staging root.</summary>
    public string StagingDirectory { get; }

    public string JobEndpoint => _process.JobEndpoint;

    public string FnApiEndpoint => _process.FnApiEndpoint;

    /// <summary>
    /// A new connection to the job port, for one test: the transport (Kestrel's HTTP/2 limits) may reset the streams
    /// of a connection a hostile test abuses with ENHANCE_YOUR_CALM, which must not pass for the runner dying.
    /// </summary>
    public GrpcChannel NewJobChannel() => GrpcChannels.ForEndpoint(JobEndpoint, new GrpcChannelOptions { MaxReceiveMessageSize = null });

    /// <summary>Calls the Fn API port.</summary>
    public CallInvoker Fn => (_fn ?? throw new InvalidOperationException("not started")).CreateCallInvoker();

    /// <summary>Call options with a deadline of <paramref name="seconds"/> and optional headers.</summary>
    public static CallOptions Options(double seconds = 20, Metadata? headers = null) =>
        new(headers, DateTime.UtcNow.AddSeconds(seconds), TestContext.Current.CancellationToken);

    public async ValueTask InitializeAsync()
    {
        await _process.InitializeAsync();
        _process.RequireRunning();
        for (var i = 0; i < 300 && _process.FnApiEndpoint.Length == 0; i++)
        {
            await Task.Delay(100);
        }

        _jobs = GrpcChannels.ForEndpoint(JobEndpoint, new GrpcChannelOptions { MaxReceiveMessageSize = null });
        _fn = GrpcChannels.ForEndpoint(FnApiEndpoint.Length > 0 ? FnApiEndpoint : throw new InvalidOperationException("the runner logged no Fn API endpoint"));
    }

    /// <summary>
    /// Fails the test, naming the seed and the case, unless the runner process is alive and answers GetJobs within 10 s.
    /// </summary>
    public async Task AssertAliveAsync(FuzzCase fuzzCase)
    {
        if (!_process.IsAlive)
        {
            Assert.Fail($"{fuzzCase}: the runner process died; its log:\n{_process.LogSince(0)}");
        }

        try
        {
            // On this fixture's own connection, used for nothing else.
            await new JobService.JobServiceClient(_jobs ?? throw new InvalidOperationException("not started"))
                .GetJobsAsync(new GetJobsRequest(), Options(10)).ResponseAsync;
        }
        catch (RpcException e)
        {
            Assert.Fail($"{fuzzCase}: the runner did not answer GetJobs ({e.StatusCode}: {e.Status.Detail}); its log:\n{_process.LogSince(Math.Max(0, _process.LogPosition - 20_000))}");
        }
    }

    /// <summary>What the runner logged lately, for failure messages.</summary>
    public string RecentLog() => _process.LogSince(Math.Max(0, _process.LogPosition - 5000));

    public async ValueTask DisposeAsync()
    {
        _jobs?.Dispose();
        _fn?.Dispose();
        await _process.DisposeAsync();
        Directory.Delete(StagingDirectory, recursive: true);
    }
}
