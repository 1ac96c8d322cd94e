using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BeamConformance.Protos.Hosting;

/// <summary>Options of a <see cref="GrpcServer"/>: where it listens, its message limits and what it serves besides the bound methods.</summary>
public sealed class GrpcServerOptions
{
    /// <summary>The address to listen on: an IP literal, <c>localhost</c>, or <c>0.0.0.0</c>/<c>*</c> for all. Default 127.0.0.1.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The TCP port; 0 picks a free port (read it from <see cref="GrpcServer.Port"/> after start).</summary>
    public int Port { get; set; }

    /// <summary>The largest request message accepted, in bytes; null for no limit. Default 4 MiB, as gRPC. Larger → RESOURCE_EXHAUSTED.</summary>
    public int? MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>The largest response message sent, in bytes; null (default) for no limit. Larger → RESOURCE_EXHAUSTED.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>HTTP/2 streams (calls) allowed at once on one connection; default 100 (Kestrel's default).</summary>
    public int MaxStreamsPerConnection { get; set; } = 100;

    /// <summary>When true, the message of an exception thrown by a handler is sent as the UNKNOWN status detail.</summary>
    public bool EnableDetailedErrors { get; set; }

    /// <summary>
    /// When true, the server also answers gRPC health checking (<c>grpc.health.v1.Health</c> Check and Watch): SERVING
    /// for the whole server (service name <c>""</c>) while it runs.
    /// </summary>
    public bool EnableHealthChecks { get; set; }

    /// <summary>
    /// When not null, the server also answers gRPC server reflection (<c>grpc.reflection.v1alpha.ServerReflection</c>),
    /// listing these services (with their files and dependencies), the health service when enabled, and itself.
    /// </summary>
    public IReadOnlyList<Google.Protobuf.Reflection.ServiceDescriptor>? ReflectionServices { get; set; }

    /// <summary>The logger factory (Kestrel's and grpc-dotnet's logs too); default none.</summary>
    public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;
}
