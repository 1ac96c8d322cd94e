using Microsoft.Extensions.Logging;

namespace BeamConformance.ReferenceRunner.Jobs.Internal;

/// <summary>Log messages of the job side (Job API and artifact staging): EventIds 1000–1099.</summary>
internal static partial class Log
{
    private static readonly Func<ILogger, string, IDisposable?> JobScopeFormat = LoggerMessage.DefineScope<string>("job {JobId}");

    /// <summary>
    /// The scope of everything logged while a job runs (its execution, workers, bundles), carrying <c>JobId</c>; the
    /// execution adds <c>StageId</c> and <c>BundleId</c> scopes inside it.
    /// </summary>
    public static IDisposable? JobScope(ILogger logger, string jobId) => JobScopeFormat(logger, jobId);

    [LoggerMessage(1001, LogLevel.Information, "Prepared job {JobId} ({TransformCount} transforms)")]
    public static partial void Prepared(ILogger logger, string jobId, int transformCount);

    [LoggerMessage(1002, LogLevel.Information, "Job {JobId} is running")]
    public static partial void Running(ILogger logger, string jobId);

    [LoggerMessage(1003, LogLevel.Information, "Job {JobId} is cancelling")]
    public static partial void Cancelling(ILogger logger, string jobId);

    [LoggerMessage(1004, LogLevel.Information, "Job {JobId} was cancelled ({ExceptionType})")]
    public static partial void Cancelled(ILogger logger, string jobId, string exceptionType);

    [LoggerMessage(1005, LogLevel.Warning, "Job {JobId} failed: {Reason}")]
    public static partial void Failed(ILogger logger, string jobId, string reason, Exception exception);

    [LoggerMessage(1006, LogLevel.Information, "Staged {Count} artifact(s) for job {JobId}")]
    public static partial void Staged(ILogger logger, string jobId, int count);

    [LoggerMessage(1008, LogLevel.Information, "Prepare refused a pipeline with {Count} problem(s): {Message}")]
    public static partial void PrepareRefused(ILogger logger, int count, string message);

    [LoggerMessage(1007, LogLevel.Warning, "Artifact staging for job {JobId} failed: {Reason}")]
    public static partial void StagingFailed(ILogger logger, string jobId, string reason);

    [LoggerMessage(1009, LogLevel.Warning, "Job {JobId} is cancelling; a callback of its cancellation threw (the job is cancelled all the same)")]
    public static partial void CancellationCallbackFailed(ILogger logger, string jobId, Exception exception);
}
