using Microsoft.Extensions.Logging;

namespace BeamConformance.ReferenceRunner.Execution.Internal;

/// <summary>Log messages of the job executor.</summary>
internal static partial class ExecutionLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "job {JobId}: {Stages} executable stage(s), {RunnerTransforms} runner transform(s), environments {Environments}")]
    public static partial void Fused(ILogger logger, string jobId, int stages, int runnerTransforms, string environments);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "job {JobId}: worker {WorkerId} for environment {EnvironmentId} connected")]
    public static partial void WorkerReady(ILogger logger, string jobId, string workerId, string environmentId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "job {JobId}: {Bundle} of stage {StageId}: {Elements} element(s) in, {Outputs} out")]
    public static partial void BundleCommitted(ILogger logger, string jobId, string bundle, string stageId, int elements, int outputs);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "job {JobId}: {Reason}")]
    public static partial void JobFailed(ILogger logger, string jobId, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "job {JobId}: progress of {Instruction} failed: {Error}")]
    public static partial void ProgressFailed(ILogger logger, string jobId, string instruction, string error);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "job {JobId}: stopping worker {WorkerId} failed: {Error}")]
    public static partial void StopFailed(ILogger logger, string jobId, string workerId, string error);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "job {JobId}: done")]
    public static partial void JobDone(ILogger logger, string jobId);
}
