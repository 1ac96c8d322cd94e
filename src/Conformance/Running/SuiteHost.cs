using BeamConformance.FakeHarness;
using BeamConformance.ReferenceRunner.FnApi;
using BeamConformance.ReferenceRunner.Hosting;

namespace BeamConformance.Conformance.Running;

/// <summary>
/// What a suite run needs, started once: the FakeHarness worker pool in this process (captures and protocol
/// recorded in memory) and, when no job endpoint is given, an embedded ReferenceRunner; plus a
/// <see cref="ScenarioRunner"/> bound to both.
/// </summary>
public sealed class SuiteHost : IAsyncDisposable
{
    /// <summary>The environment variable naming the job endpoint of the runner under test (<c>host:port</c>).</summary>
    public const string EndpointVariable = "BEAM_JOB_ENDPOINT";

    private readonly FakeHarnessWorkerPool _pool;
    private readonly ReferenceRunnerServer? _embedded;

    private SuiteHost(FakeHarnessWorkerPool pool, ReferenceRunnerServer? embedded, string jobEndpoint)
    {
        _pool = pool;
        _embedded = embedded;
        JobEndpoint = jobEndpoint;
        Runner = new ScenarioRunner(jobEndpoint, pool.Endpoint, pool.Captures, pool.Recorder);
    }

    /// <summary>The job endpoint scenarios are submitted to.</summary>
    public string JobEndpoint { get; }

    /// <summary>True when the embedded ReferenceRunner is the runner under test.</summary>
    public bool IsEmbedded => _embedded is not null;

    /// <summary>The runner's name for reports: <c>reference</c>, or the endpoint.</summary>
    public string RunnerName => IsEmbedded ? "reference" : JobEndpoint;

    /// <summary>Runs scenarios against <see cref="JobEndpoint"/>.</summary>
    public ScenarioRunner Runner { get; }

    /// <summary>
    /// The Fn API limits of the embedded ReferenceRunner: 1 KiB State API pages and 1 KiB data chunks (the runner's
    /// defaults are 1 MiB), so that scenarios with side inputs and grouped values of a few kilobytes reach paged
    /// state reads (continuation tokens) and elements bigger than one data chunk (testdata/README.md, "Values
    /// bigger than a page").
    /// </summary>
    public static FnApiOptions EmbeddedFnApiLimits { get; } = new() { StatePageBytes = 1024, MaxDataChunkBytes = 1024 };

    /// <summary>
    /// The suite's FakeHarness sends a data sink's output in <c>Elements.Data</c> chunks of about 1 KiB (its default is
    /// 1 MiB), so a bundle's output of a few kilobytes reaches the runner in several chunks, which it must join
    /// (testdata/README.md, "Values bigger than a page"); for any runner, embedded or not.
    /// </summary>
    public static int HarnessDataFlushBytes => 1024;

    /// <summary>The endpoint from <see cref="EndpointVariable"/>, or null when it is unset or empty.</summary>
    public static string? EndpointFromEnvironment() =>
        System.Environment.GetEnvironmentVariable(EndpointVariable) is { Length: > 0 } e ? e : null;

    /// <summary>Starts the worker pool and, when <paramref name="jobEndpoint"/> is null, the embedded ReferenceRunner.</summary>
    /// <param name="jobEndpoint">The runner under test, <c>host:port</c>; null for the embedded ReferenceRunner.</param>
    /// <param name="cancellationToken">Stops starting.</param>
    /// <returns>The started host.</returns>
    public static async Task<SuiteHost> StartAsync(string? jobEndpoint, CancellationToken cancellationToken = default)
    {
        var pool = new FakeHarnessWorkerPool(new CaptureStore(), new ProtocolRecorder(), new FakeHarnessOptions { DataFlushBytes = HarnessDataFlushBytes });
        await pool.StartAsync(cancellationToken).ConfigureAwait(false);
        ReferenceRunnerServer? embedded = null;
        if (jobEndpoint is null)
        {
            embedded = ReferenceRunnerServer.CreateDefault(new ReferenceRunnerOptions { FnApi = EmbeddedFnApiLimits });
            jobEndpoint = await embedded.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        return new SuiteHost(pool, embedded, jobEndpoint);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Runner.Dispose();
        if (_embedded is not null)
        {
            await _embedded.DisposeAsync().ConfigureAwait(false);
        }

        await _pool.DisposeAsync().ConfigureAwait(false);
    }
}
