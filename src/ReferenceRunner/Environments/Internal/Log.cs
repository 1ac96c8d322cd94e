using Microsoft.Extensions.Logging;

namespace BeamConformance.ReferenceRunner.Environments.Internal;

/// <summary>Log messages of the environment launcher and its worker leases: EventIds 1300–1399.</summary>
internal static partial class Log
{
    [LoggerMessage(1301, LogLevel.Information, "Started worker {WorkerId} for environment {EnvironmentId} through the worker pool at {Endpoint}")]
    public static partial void ExternalWorkerStarted(ILogger logger, string workerId, string environmentId, string endpoint);

    [LoggerMessage(1302, LogLevel.Warning, "StopWorker for worker {WorkerId} failed: {Reason}")]
    public static partial void StopWorkerFailed(ILogger logger, string workerId, string reason);

    [LoggerMessage(1303, LogLevel.Information, "Started worker {WorkerId} for environment {EnvironmentId} as process {ProcessId}: {Command}")]
    public static partial void ProcessWorkerStarted(ILogger logger, string workerId, string environmentId, int processId, string command);

    [LoggerMessage(1304, LogLevel.Information, "Worker {WorkerId}: {Line}")]
    public static partial void ProcessOutput(ILogger logger, string workerId, string line);

    [LoggerMessage(1305, LogLevel.Information, "Worker {WorkerId} process exited with code {ExitCode}")]
    public static partial void ProcessExited(ILogger logger, string workerId, int exitCode);
}
