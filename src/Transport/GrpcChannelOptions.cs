using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BeamConformance.Transport;

/// <summary>Options of a <see cref="GrpcChannel"/>.</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>The largest response message accepted, in bytes; null for no limit. Default 4 MiB, as gRPC. Larger → RESOURCE_EXHAUSTED.</summary>
    public int? MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>The largest request message sent, in bytes; null (default) for no limit. Larger → RESOURCE_EXHAUSTED.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>
    /// The HTTP handler; null (default) for a <see cref="System.Net.Http.SocketsHttpHandler"/> that opens more HTTP/2
    /// connections when one has reached the server's stream limit. A given handler is not disposed with the channel.
    /// </summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>The logger factory; default none.</summary>
    public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;

    /// <summary>The clock used for deadlines.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
