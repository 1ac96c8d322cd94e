using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BeamConformance.Transport.Internal.Server;

/// <summary>Builds a Kestrel server with one HTTP/2-only cleartext endpoint.</summary>
internal static class KestrelFactory
{
    public static KestrelServer Create(GrpcServerOptions options)
    {
        var services = new ServiceCollection().AddSingleton(options.LoggerFactory).BuildServiceProvider();
        var kestrel = new KestrelServerOptions { AddServerHeader = false, ApplicationServices = services };
        kestrel.Limits.Http2.MaxStreamsPerConnection = options.MaxStreamsPerConnection;
        kestrel.Limits.Http2.InitialConnectionWindowSize = 8 * 1024 * 1024;
        kestrel.Limits.Http2.InitialStreamWindowSize = 4 * 1024 * 1024;
        kestrel.Limits.KeepAliveTimeout = TimeSpan.FromMinutes(10);

        // Kestrel's 64 KiB default makes every flush of a 64 KiB message wait for the socket (stop-and-wait).
        kestrel.Limits.MaxResponseBufferSize = 1024 * 1024;
        kestrel.Limits.MaxRequestBufferSize = 8 * 1024 * 1024;

        // Cleartext has no ALPN: the endpoint speaks HTTP/2 only (prior knowledge).
        static void Http2Only(ListenOptions listen) => listen.Protocols = HttpProtocols.Http2;
        switch (options.Host)
        {
            case "localhost":
                kestrel.Listen(IPAddress.Loopback, options.Port, Http2Only);
                break;
            case "*" or "0.0.0.0" or "+":
                kestrel.ListenAnyIP(options.Port, Http2Only);
                break;
            default:
                kestrel.Listen(IPAddress.Parse(options.Host), options.Port, Http2Only);
                break;
        }

        var transport = new SocketTransportFactory(Options.Create(new SocketTransportOptions()), options.LoggerFactory);
        return new KestrelServer(Options.Create(kestrel), transport, options.LoggerFactory);
    }
}
