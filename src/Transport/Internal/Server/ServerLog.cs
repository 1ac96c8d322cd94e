using Microsoft.Extensions.Logging;

namespace BeamConformance.Transport.Internal.Server;

/// <summary>Log messages of the server side of the transport.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "gRPC call {Method} started from {Peer}.")]
    public static partial void CallStarted(ILogger logger, string method, string peer);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "gRPC call {Method} finished with {StatusCode}: {Detail}")]
    public static partial void CallFinished(ILogger logger, string method, StatusCode statusCode, string detail);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "gRPC handler for {Method} threw; the call ends with UNKNOWN.")]
    public static partial void HandlerThrew(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "gRPC call to unknown method {Path}; answered UNIMPLEMENTED.")]
    public static partial void UnknownMethod(ILogger logger, string path);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "gRPC call {Method} passed its deadline {Deadline:O}.")]
    public static partial void DeadlineExceeded(ILogger logger, string method, DateTime deadline);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "gRPC call {Method}: the status could not be sent; the client has gone.")]
    public static partial void StatusNotSent(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "gRPC request to {Path} rejected: {Reason}")]
    public static partial void RequestRejected(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "gRPC call {Method} has an invalid grpc-timeout '{Value}'; no deadline applied.")]
    public static partial void InvalidTimeout(ILogger logger, string method, string value);
}
