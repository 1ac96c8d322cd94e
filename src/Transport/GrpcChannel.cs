using BeamConformance.Transport.Internal.Client;
using Microsoft.Extensions.Logging;

namespace BeamConformance.Transport;

/// <summary>
/// A client channel to one target (<c>http://host:port</c>): calls are HTTP/2 streams with prior knowledge
/// (version 2.0 exactly, no upgrade), multiplexed on one connection, with more connections opened when one is full.
/// </summary>
public sealed class GrpcChannel : IDisposable
{
    private readonly bool _disposeHandler;

    private GrpcChannel(Uri address, GrpcChannelOptions options)
    {
        Address = address;
        Options = options;
        Logger = options.LoggerFactory.CreateLogger("BeamConformance.Transport.GrpcChannel");
        _disposeHandler = options.HttpHandler is null;
        var handler = options.HttpHandler ?? new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            ConnectTimeout = TimeSpan.FromSeconds(20),
            InitialHttp2StreamWindowSize = 4 * 1024 * 1024,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        };
        Invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        Handler = handler;
    }

    /// <summary>The target address, e.g. <c>http://127.0.0.1:8099/</c>.</summary>
    public Uri Address { get; }

    internal GrpcChannelOptions Options { get; }

    internal ILogger Logger { get; }

    internal HttpMessageInvoker Invoker { get; }

    private HttpMessageHandler Handler { get; }

    /// <summary>Creates a channel to <paramref name="address"/>.</summary>
    /// <param name="address">An <c>http://host:port</c> address (cleartext HTTP/2); a bare <c>host:port</c> is taken as http.</param>
    /// <param name="options">Message limits, handler, logging; null for defaults.</param>
    /// <returns>The channel.</returns>
    /// <exception cref="ArgumentException">The address is not an http address.</exception>
    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        if (!address.Contains("://", StringComparison.Ordinal))
        {
            address = "http://" + address;
        }

        return ForAddress(new Uri(address), options);
    }

    /// <summary>Creates a channel to <paramref name="address"/>.</summary>
    /// <param name="address">An <c>http://host:port</c> address.</param>
    /// <param name="options">Message limits, handler, logging; null for defaults.</param>
    /// <returns>The channel.</returns>
    /// <exception cref="ArgumentException">The address is not an http address.</exception>
    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException($"Only cleartext http:// addresses are supported, got '{address}'.", nameof(address));
        }

        return new GrpcChannel(new Uri(address.GetLeftPart(UriPartial.Authority) + "/"), options ?? new GrpcChannelOptions());
    }

    /// <summary>Creates a call invoker for typed clients.</summary>
    /// <returns>The invoker.</returns>
    public CallInvoker CreateCallInvoker() => new HttpCallInvoker(this);

    /// <summary>Closes the channel's connections; calls in progress fail.</summary>
    public void Dispose()
    {
        Invoker.Dispose();
        if (_disposeHandler)
        {
            Handler.Dispose();
        }
    }
}
