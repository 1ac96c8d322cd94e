using Microsoft.Extensions.Logging;

namespace BeamConformance.ReferenceRunner.Jobs.Internal;

/// <summary>Log messages of the job side.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Prepared job {JobId} ({TransformCount} transforms)")]
    public static partial void Prepared(ILogger logger, string jobId, int transformCount);

    [LoggerMessage(2, LogLevel.Information, "Job {JobId} is running")]
    public static partial void Running(ILogger logger, string jobId);

    [LoggerMessage(3, LogLevel.Information, "Job {JobId} is cancelling")]
    public static partial void Cancelling(ILogger logger, string jobId);

    [LoggerMessage(4, LogLevel.Information, "Job {JobId} was cancelled ({ExceptionType})")]
    public static partial void Cancelled(ILogger logger, string jobId, string exceptionType);

    [LoggerMessage(5, LogLevel.Warning, "Job {JobId} failed: {Reason}")]
    public static partial void Failed(ILogger logger, string jobId, string reason, Exception exception);

    [LoggerMessage(6, LogLevel.Information, "Staged {Count} artifact(s) for job {JobId}")]
    public static partial void Staged(ILogger logger, string jobId, int count);

    [LoggerMessage(8, LogLevel.Information, "Prepare refused a pipeline with {Count} problem(s): {Message}")]
    public static partial void PrepareRefused(ILogger logger, int count, string message);

    [LoggerMessage(7, LogLevel.Warning, "Artifact staging for job {JobId} failed: {Reason}")]
    public static partial void StagingFailed(ILogger logger, string jobId, string reason);
}
