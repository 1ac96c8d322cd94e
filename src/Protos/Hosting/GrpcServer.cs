using BeamConformance.Protos.Hosting.Internal;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection;
using Grpc.Reflection.V1Alpha;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BeamConformance.Protos.Hosting;

/// <summary>
/// A gRPC server: Kestrel on one port, HTTP/2 cleartext only, serving with Grpc.AspNetCore every method bound on it
/// (directly, or through a generated binding's <c>BindService(binder, implementation)</c>) before
/// <see cref="StartAsync"/>. Unknown methods get UNIMPLEMENTED; gzip-compressed requests are accepted on every method.
/// </summary>
public sealed class GrpcServer : ServiceBinderBase, IAsyncDisposable
{
    private readonly GrpcServerOptions _options;
    private readonly List<Action<ServiceMethodProviderContext<BoundMethods>>> _registrations = [];
    private readonly HashSet<string> _paths = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private Uri? _address;
    private bool _stopped;

    /// <summary>Creates a server; nothing listens until <see cref="StartAsync"/>.</summary>
    /// <param name="options">Host, port, message limits, health and reflection, logging; null for defaults.</param>
    public GrpcServer(GrpcServerOptions? options = null) => _options = options ?? new GrpcServerOptions();

    /// <summary>The bound address, e.g. <c>http://127.0.0.1:41234</c>, once started.</summary>
    /// <exception cref="InvalidOperationException">The server has not started.</exception>
    public Uri Address => _address ?? throw new InvalidOperationException("The gRPC server has not started.");

    /// <summary>The bound TCP port, once started.</summary>
    public int Port => Address.Port;

    /// <inheritdoc />
    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(method, MethodType.Unary, c => c.AddUnaryMethod(method, [], (_, request, context) => handler(request, context)));
    }

    /// <inheritdoc />
    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(method, MethodType.ClientStreaming, c => c.AddClientStreamingMethod(method, [], (_, requests, context) => handler(requests, context)));
    }

    /// <inheritdoc />
    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(method, MethodType.ServerStreaming, c => c.AddServerStreamingMethod(method, [], (_, request, responses, context) => handler(request, responses, context)));
    }

    /// <inheritdoc />
    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(method, MethodType.DuplexStreaming, c => c.AddDuplexStreamingMethod(method, [], (_, requests, responses, context) => handler(requests, responses, context)));
    }

    /// <summary>Starts listening.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The bound address, e.g. <c>http://127.0.0.1:41234</c>.</returns>
    /// <exception cref="InvalidOperationException">Already started.</exception>
    /// <exception cref="IOException">The port could not be bound.</exception>
    public async Task<Uri> StartAsync(CancellationToken cancellationToken = default)
    {
        if (_app is not null)
        {
            throw new InvalidOperationException("The gRPC server is already started.");
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_options.LoggerFactory);
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel => KestrelSetup.Configure(kestrel, _options));
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = _options.MaxReceiveMessageSize;
            grpc.MaxSendMessageSize = _options.MaxSendMessageSize;
            grpc.EnableDetailedErrors = _options.EnableDetailedErrors;
        });
        builder.Services.AddSingleton(new BoundMethods());
        builder.Services.AddSingleton<IServiceMethodProvider<BoundMethods>>(new BoundMethodProvider(_registrations.ToArray()));
        if (_options.EnableHealthChecks)
        {
            // With no check registered the server's status ("") would stay UNKNOWN: one that is healthy while the server runs.
            builder.Services.AddGrpcHealthChecks().AddCheck("server", static () => HealthCheckResult.Healthy("the server is running"));
        }

        if (_options.ReflectionServices is { } listed)
        {
            var services = listed.Append(ServerReflection.Descriptor);
            builder.Services.AddSingleton(new ReflectionServiceImpl(_options.EnableHealthChecks ? services.Append(Health.Descriptor) : services));
        }

        var app = builder.Build();
        app.MapGrpcService<BoundMethods>();
        if (_options.EnableHealthChecks)
        {
            app.MapGrpcHealthChecksService();
        }

        if (_options.ReflectionServices is not null)
        {
            app.MapGrpcService<ReflectionServiceImpl>();
        }

        _app = app;
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no bound address.");
        _address = new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        return _address;
    }

    /// <summary>
    /// Stops gracefully: stops accepting calls (HTTP/2 GOAWAY) and waits for running calls to finish. When
    /// <paramref name="cancellationToken"/> fires, the remaining calls are cancelled and their connections closed.
    /// </summary>
    /// <param name="cancellationToken">Ends the grace period.</param>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_app is null || _stopped)
        {
            return;
        }

        _stopped = true;
        await _app.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops at once: running calls are cancelled (their handlers see the call's cancellation token fire).</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(new CancellationToken(canceled: true)).ConfigureAwait(false);
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void Add(IMethod method, MethodType expected, Action<ServiceMethodProviderContext<BoundMethods>> registration)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (_app is not null)
        {
            throw new InvalidOperationException($"Cannot add {method.FullName}: the gRPC server has started; register methods before StartAsync.");
        }

        if (method.Type != expected)
        {
            throw new ArgumentException($"Method {method.FullName} is declared {method.Type} but its handler is {expected}.", nameof(method));
        }

        if (!_paths.Add(method.FullName))
        {
            throw new ArgumentException($"The method {method.FullName} is already registered on this server.", nameof(method));
        }

        _registrations.Add(registration);
    }
}
