using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace BeamConformance.Protos.Hosting.Internal;

/// <summary>Kestrel for gRPC: one HTTP/2-only cleartext endpoint (prior knowledge; cleartext has no ALPN) and our flow-control limits.</summary>
internal static class KestrelSetup
{
    public static void Configure(KestrelServerOptions kestrel, GrpcServerOptions options)
    {
        kestrel.AddServerHeader = false;
        kestrel.Limits.Http2.MaxStreamsPerConnection = options.MaxStreamsPerConnection;

        // Large HTTP/2 windows: a 64 KiB (the protocol's default) window makes every large Fn API data message wait for WINDOW_UPDATEs.
        kestrel.Limits.Http2.InitialConnectionWindowSize = 8 * 1024 * 1024;
        kestrel.Limits.Http2.InitialStreamWindowSize = 4 * 1024 * 1024;
        kestrel.Limits.KeepAliveTimeout = TimeSpan.FromMinutes(10);

        // Kestrel's 64 KiB default makes every flush of a 64 KiB message wait for the socket (stop-and-wait).
        kestrel.Limits.MaxResponseBufferSize = 1024 * 1024;
        kestrel.Limits.MaxRequestBufferSize = 8 * 1024 * 1024;

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
    }
}
