using Microsoft.Extensions.Logging;

namespace BeamConformance.ReferenceRunner.FnApi.Internal;

/// <summary>Log messages of the Fn API servers (control, data, state, logging; SDK log entries too): EventIds 1100–1199.</summary>
internal static partial class FnApiLog
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "SDK worker '{WorkerId}' opened its control stream")]
    public static partial void WorkerConnected(ILogger logger, string workerId);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "SDK worker '{WorkerId}' control stream ended: {Reason}")]
    public static partial void WorkerDisconnected(ILogger logger, string workerId, string reason);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "SDK worker '{WorkerId}' answered instruction '{InstructionId}', which is not pending")]
    public static partial void UnexpectedResponse(ILogger logger, string workerId, string instructionId);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Debug, Message = "SDK worker '{WorkerId}' sent data for instruction '{InstructionId}', which is not running")]
    public static partial void DataForUnknownBundle(ILogger logger, string workerId, string instructionId);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning, Message = "SDK worker '{WorkerId}' state request '{RequestId}' failed: {Error}")]
    public static partial void StateRequestFailed(ILogger logger, string workerId, string requestId, string error);

    [LoggerMessage(EventId = 1106, Message = "[worker {WorkerId}] {Location} {Message}{Trace}")]
    public static partial void SdkLog(ILogger logger, LogLevel level, string workerId, string location, string message, string trace);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Warning, Message = "SDK worker '{WorkerId}' could not describe short monitoring ids: {Error}")]
    public static partial void MetadataRequestFailed(ILogger logger, string workerId, string error);

    [LoggerMessage(EventId = 1108, Level = LogLevel.Debug, Message = "SDK worker '{WorkerId}' {Stream} stream ended: {Reason}")]
    public static partial void StreamEnded(ILogger logger, string workerId, string stream, string reason);
}
