using Grpc.Net.Client;

namespace BeamConformance.Protos.Hosting;

/// <summary>Creates grpc-dotnet channels to Beam endpoints given as <c>host:port</c> (as Beam's ApiServiceDescriptor urls are).</summary>
public static class GrpcChannels
{
    /// <summary>
    /// A channel to <paramref name="endpoint"/> over cleartext HTTP/2: calls multiplexed on one connection, more
    /// connections opened when one reaches the server's stream limit, 4 MiB HTTP/2 stream windows, no proxy.
    /// </summary>
    /// <param name="endpoint">A <c>host:port</c> endpoint, or an <c>http://host:port</c> address.</param>
    /// <param name="options">Message limits, logging...; null for grpc-dotnet's defaults (4 MiB receive limit). A given
    /// <see cref="GrpcChannelOptions.HttpHandler"/> is used as it is.</param>
    /// <returns>The channel; dispose it to close its connections.</returns>
    /// <exception cref="ArgumentException">The endpoint is empty or not a cleartext http address.</exception>
    public static GrpcChannel ForEndpoint(string endpoint, GrpcChannelOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        var address = new Uri(endpoint.Contains("://", StringComparison.Ordinal) ? endpoint : "http://" + endpoint);
        if (address.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException($"Only cleartext http:// endpoints are supported, got '{endpoint}'.", nameof(endpoint));
        }

        options ??= new GrpcChannelOptions();
        if (options.HttpHandler is null && options.HttpClient is null)
        {
            options.HttpHandler = new SocketsHttpHandler
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
            options.DisposeHttpClient = true;
        }

        return GrpcChannel.ForAddress(address, options);
    }

    /// <summary>A channel to <paramref name="address"/>, as <see cref="ForEndpoint(string, GrpcChannelOptions?)"/>.</summary>
    /// <param name="address">An <c>http://host:port</c> address, e.g. <see cref="GrpcServer.Address"/>.</param>
    /// <param name="options">Message limits, logging...; null for defaults.</param>
    /// <returns>The channel.</returns>
    public static GrpcChannel ForEndpoint(Uri address, GrpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        return ForEndpoint(address.GetLeftPart(UriPartial.Authority), options);
    }
}
