using Microsoft.Extensions.Logging;

namespace BeamConformance.Transport.Internal.Client;

/// <summary>Log messages of the client side of the transport.</summary>
internal static partial class ClientLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "gRPC call {Method} to {Address} started.")]
    public static partial void CallStarted(ILogger logger, string method, Uri address);

    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "gRPC call {Method} finished with {StatusCode}: {Detail}")]
    public static partial void CallFinished(ILogger logger, string method, StatusCode statusCode, string detail);

    [LoggerMessage(EventId = 103, Level = LogLevel.Debug, Message = "gRPC call {Method} failed in the transport.")]
    public static partial void TransportError(ILogger logger, string method, Exception exception);
}
