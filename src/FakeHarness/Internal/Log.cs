using Microsoft.Extensions.Logging;

namespace BeamConformance.FakeHarness.Internal;

/// <summary>The harness's local log messages (source-generated): EventIds 2000–2099.</summary>
internal static partial class Log
{
    [LoggerMessage(2001, LogLevel.Warning, "FakeHarness worker {WorkerId} failed")]
    public static partial void WorkerFailed(ILogger logger, string workerId, Exception exception);

    [LoggerMessage(2002, LogLevel.Debug, "FakeHarness worker {WorkerId} connected to control endpoint {Endpoint}")]
    public static partial void Connected(ILogger logger, string workerId, string endpoint);

    [LoggerMessage(2003, LogLevel.Information, "FakeHarness worker {WorkerId}: bundle {InstructionId} failed: {Message}")]
    public static partial void BundleFailed(ILogger logger, string workerId, string instructionId, string message);

    [LoggerMessage(2004, LogLevel.Debug, "FakeHarness worker {WorkerId}: control stream ended")]
    public static partial void ControlEnded(ILogger logger, string workerId);

    [LoggerMessage(2005, LogLevel.Debug, "FakeHarness worker {WorkerId}: could not send log entries: {Message}")]
    public static partial void LoggingFailed(ILogger logger, string workerId, string message);

    [LoggerMessage(2040, LogLevel.Debug, "FakeHarness worker {WorkerId}: bundle {InstructionId} finalized ({Callbacks} callback(s) run)")]
    public static partial void BundleFinalized(ILogger logger, string workerId, string instructionId, int callbacks);
}
