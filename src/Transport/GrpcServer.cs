using BeamConformance.Transport.Internal.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace BeamConformance.Transport;

/// <summary>
/// A gRPC server: Kestrel on one port with HTTP/2 cleartext only (prior knowledge; there is no ALPN in cleartext),
/// any number of services, calls routed by <c>/package.Service/Method</c>. Register methods (directly or through typed
/// bindings' <c>BindService</c>) before <see cref="StartAsync"/>.
/// </summary>
public sealed class GrpcServer : ServiceBinderBase, IAsyncDisposable
{
    private readonly GrpcServerOptions _options;
    private readonly CallRouter _router;
    private readonly CancellationTokenSource _shutdown = new();
    private KestrelServer? _kestrel;
    private bool _stopped;

    /// <summary>Creates a server; nothing listens until <see cref="StartAsync"/>.</summary>
    /// <param name="options">Host, port, message limits, logging; null for defaults.</param>
    public GrpcServer(GrpcServerOptions? options = null)
    {
        _options = options ?? new GrpcServerOptions();
        _router = new CallRouter(_options, _shutdown.Token);
    }

    /// <summary>The bound address, e.g. <c>http://127.0.0.1:41234</c>, once started.</summary>
    /// <exception cref="InvalidOperationException">The server has not started.</exception>
    public Uri Address => _router.Address ?? throw new InvalidOperationException("The gRPC server has not started.");

    /// <summary>The bound TCP port, once started.</summary>
    public int Port => Address.Port;

    /// <inheritdoc />
    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler) =>
        Add(method, MethodType.Unary, new ServerCallHandler<TRequest, TResponse>(method, unary: handler));

    /// <inheritdoc />
    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler) =>
        Add(method, MethodType.ClientStreaming, new ServerCallHandler<TRequest, TResponse>(method, clientStreaming: handler));

    /// <inheritdoc />
    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler) =>
        Add(method, MethodType.ServerStreaming, new ServerCallHandler<TRequest, TResponse>(method, serverStreaming: handler));

    /// <inheritdoc />
    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler) =>
        Add(method, MethodType.DuplexStreaming, new ServerCallHandler<TRequest, TResponse>(method, duplexStreaming: handler));

    /// <summary>Starts listening.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The bound address, e.g. <c>http://127.0.0.1:41234</c>.</returns>
    /// <exception cref="InvalidOperationException">Already started.</exception>
    /// <exception cref="IOException">The port could not be bound.</exception>
    public async Task<Uri> StartAsync(CancellationToken cancellationToken = default)
    {
        if (_kestrel is not null)
        {
            throw new InvalidOperationException("The gRPC server is already started.");
        }

        _router.Freeze();
        _kestrel = KestrelFactory.Create(_options);
        await _kestrel.StartAsync(new GrpcHttpApplication(_router), cancellationToken).ConfigureAwait(false);
        var bound = _kestrel.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no bound address.");
        _router.Address = new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        return _router.Address;
    }

    /// <summary>
    /// Stops gracefully: stops accepting calls (HTTP/2 GOAWAY) and waits for running calls to finish. When
    /// <paramref name="cancellationToken"/> fires, the remaining calls are cancelled and their connections closed.
    /// </summary>
    /// <param name="cancellationToken">Ends the grace period.</param>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_kestrel is null || _stopped)
        {
            return;
        }

        _stopped = true;
        using var registration = cancellationToken.Register(static s => ((CancellationTokenSource)s!).Cancel(), _shutdown);
        await _kestrel.StopAsync(cancellationToken).ConfigureAwait(false);
        await _shutdown.CancelAsync().ConfigureAwait(false);
    }

    /// <summary>Stops at once: running calls are cancelled (their handlers see the cancellation token fire).</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync().ConfigureAwait(false);
        await StopAsync(new CancellationToken(canceled: true)).ConfigureAwait(false);
        _kestrel?.Dispose();
        _shutdown.Dispose();
    }

    private void Add(IMethod method, MethodType expected, ServerCallHandler handler)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method.Type != expected)
        {
            throw new ArgumentException($"Method {method.FullName} is declared {method.Type} but its handler is {expected}.", nameof(method));
        }

        _router.Add(method.FullName, handler);
    }
}
