using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BeamConformance.Transport;

/// <summary>Options of a <see cref="GrpcServer"/>.</summary>
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

    /// <summary>The logger factory; default none.</summary>
    public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;

    /// <summary>The clock used for deadlines.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
