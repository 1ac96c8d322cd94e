using System.Collections.Concurrent;
using BeamConformance.FakeHarness.Internal;
using Grpc.Core;
using BeamConformance.Protos.Hosting;
using Microsoft.Extensions.Logging;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness;

/// <summary>
/// A <c>BeamFnExternalWorkerPool</c> server (beam_fn_api.proto) that starts FakeHarness workers in this process: a
/// runner reaches it through an EXTERNAL environment (<c>beam:env:external:v1</c> whose <c>ExternalPayload.endpoint</c>
/// is <see cref="Endpoint"/>), as SDKs' loopback mode works. <c>StartWorker</c> starts a <see cref="FakeHarnessWorker"/>
/// with the request's endpoints and answers at once; <c>StopWorker</c> stops it. Workers deliver captures to
/// <see cref="Captures"/> and record the protocol in <see cref="Recorder"/>.
/// </summary>
public sealed class FakeHarnessWorkerPool : IAsyncDisposable
{
    private readonly FakeHarnessOptions _options;
    private readonly GrpcServer _server;
    private readonly ConcurrentDictionary<string, RunningWorker> _workers = new(StringComparer.Ordinal);
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _shutdown = new();
    private string? _endpoint;

    /// <summary>Creates the pool; nothing listens until <see cref="StartAsync"/>.</summary>
    /// <param name="captures">Where workers deliver captures and failures.</param>
    /// <param name="recorder">Where workers record the protocol; null for a new one.</param>
    /// <param name="options">Settings; null for defaults.</param>
    public FakeHarnessWorkerPool(CaptureStore captures, ProtocolRecorder? recorder = null, FakeHarnessOptions? options = null)
    {
        Captures = captures ?? throw new ArgumentNullException(nameof(captures));
        Recorder = recorder ?? new ProtocolRecorder();
        _options = options ?? new FakeHarnessOptions();
        _logger = _options.LoggerFactory.CreateLogger("BeamConformance.FakeHarness.WorkerPool");
        _server = new GrpcServer(new GrpcServerOptions { Host = _options.Host, Port = _options.Port, LoggerFactory = _options.LoggerFactory });
        BeamFnExternalWorkerPool.BindService(_server, new WorkerPoolServer(StartWorkerAsync, StopWorkerAsync));
    }

    /// <summary>Where captures go.</summary>
    public CaptureStore Captures { get; }

    /// <summary>Where the protocol is recorded.</summary>
    public ProtocolRecorder Recorder { get; }

    /// <summary>The pool's endpoint as <c>host:port</c> (for <c>ExternalPayload.endpoint</c>), once started.</summary>
    /// <exception cref="InvalidOperationException">Not started.</exception>
    public string Endpoint => _endpoint ?? throw new InvalidOperationException("The FakeHarness worker pool has not started.");

    /// <summary>The ids of the workers running now.</summary>
    public IReadOnlyCollection<string> ActiveWorkerIds => _workers.Keys.ToArray();

    /// <summary>Starts listening.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The endpoint, <c>host:port</c>.</returns>
    /// <exception cref="IOException">The port could not be bound.</exception>
    public async Task<string> StartAsync(CancellationToken cancellationToken = default)
    {
        var address = await _server.StartAsync(cancellationToken).ConfigureAwait(false);
        _endpoint = address.Host + ":" + address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return _endpoint;
    }

    /// <summary>Stops every worker and the server.</summary>
    /// <returns>A task that completes when all have stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync().ConfigureAwait(false);
        foreach (var id in _workers.Keys.ToArray())
        {
            await StopAsync(id).ConfigureAwait(false);
        }

        await _server.DisposeAsync().ConfigureAwait(false);
        _shutdown.Dispose();
    }

    private Task<StartWorkerResponse> StartWorkerAsync(StartWorkerRequest request, ServerCallContext context)
    {
        if (string.IsNullOrEmpty(request.WorkerId))
        {
            return Task.FromResult(new StartWorkerResponse { Error = "StartWorkerRequest.worker_id is empty" });
        }

        if (string.IsNullOrEmpty(request.ControlEndpoint?.Url))
        {
            return Task.FromResult(new StartWorkerResponse { Error = $"StartWorkerRequest for worker '{request.WorkerId}' has no control_endpoint.url" });
        }

        var endpoints = new WorkerEndpoints(
            request.WorkerId,
            request.ControlEndpoint.Url,
            NullIfEmpty(request.LoggingEndpoint?.Url),
            NullIfEmpty(request.ArtifactEndpoint?.Url),
            NullIfEmpty(request.ProvisionEndpoint?.Url));
        var stop = CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token);
        var running = new RunningWorker(stop);
        if (!_workers.TryAdd(request.WorkerId, running))
        {
            stop.Dispose();
            return Task.FromResult(new StartWorkerResponse { Error = $"worker '{request.WorkerId}' is already running" });
        }

        var worker = new FakeHarnessWorker(endpoints, Captures, Recorder, _options);
        running.Task = Task.Run(async () =>
        {
            try
            {
                await worker.RunAsync(stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                Log.WorkerFailed(_logger, request.WorkerId, e);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                // Stopped by StopWorker or by disposing the pool.
            }
            finally
            {
                if (_workers.TryRemove(new KeyValuePair<string, RunningWorker>(request.WorkerId, running)))
                {
                    stop.Dispose();
                }
            }
        });
        return Task.FromResult(new StartWorkerResponse());
    }

    private async Task<StopWorkerResponse> StopWorkerAsync(StopWorkerRequest request, ServerCallContext context)
    {
        await StopAsync(request.WorkerId).ConfigureAwait(false);
        return new StopWorkerResponse();
    }

    private async Task StopAsync(string workerId)
    {
        if (!_workers.TryGetValue(workerId, out var running))
        {
            return;
        }

        try
        {
            await running.Stop.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        if (running.Task is { } task)
        {
            await task.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private sealed class RunningWorker(CancellationTokenSource stop)
    {
        public CancellationTokenSource Stop { get; } = stop;

        public Task? Task { get; set; }
    }
}
