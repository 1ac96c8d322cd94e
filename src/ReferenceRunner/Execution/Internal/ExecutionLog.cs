using Microsoft.Extensions.Logging;

namespace BeamConformance.ReferenceRunner.Execution.Internal;

/// <summary>Log messages of the job executor: EventIds 1200–1299; the stage and bundle log scopes.</summary>
internal static partial class ExecutionLog
{
    private static readonly Func<ILogger, string, IDisposable?> StageScopeFormat = LoggerMessage.DefineScope<string>("stage {StageId}");
    private static readonly Func<ILogger, string, IDisposable?> BundleScopeFormat = LoggerMessage.DefineScope<string>("bundle {BundleId}");

    /// <summary>The scope of one executable stage's work, carrying <c>StageId</c> (inside the job's scope).</summary>
    public static IDisposable? StageScope(ILogger logger, string stageId) => StageScopeFormat(logger, stageId);

    /// <summary>The scope of one bundle, carrying <c>BundleId</c>: its ProcessBundle instruction id (inside its stage's scope).</summary>
    public static IDisposable? BundleScope(ILogger logger, string instructionId) => BundleScopeFormat(logger, instructionId);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "job {JobId}: {Stages} executable stage(s), {RunnerTransforms} runner transform(s), environments {Environments}")]
    public static partial void Fused(ILogger logger, string jobId, int stages, int runnerTransforms, string environments);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "job {JobId}: worker {WorkerId} for environment {EnvironmentId} connected")]
    public static partial void WorkerReady(ILogger logger, string jobId, string workerId, string environmentId);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Debug, Message = "job {JobId}: {Bundle} of stage {StageId}: {Elements} element(s) in, {Outputs} out")]
    public static partial void BundleCommitted(ILogger logger, string jobId, string bundle, string stageId, int elements, int outputs);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Error, Message = "job {JobId}: {Reason}")]
    public static partial void JobFailed(ILogger logger, string jobId, string reason);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Debug, Message = "job {JobId}: progress of {Instruction} failed: {Error}")]
    public static partial void ProgressFailed(ILogger logger, string jobId, string instruction, string error);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Warning, Message = "job {JobId}: stopping worker {WorkerId} failed: {Error}")]
    public static partial void StopFailed(ILogger logger, string jobId, string workerId, string error);

    [LoggerMessage(EventId = 1207, Level = LogLevel.Information, Message = "job {JobId}: done")]
    public static partial void JobDone(ILogger logger, string jobId);

    [LoggerMessage(EventId = 1208, Level = LogLevel.Error, Message = "job {JobId}: ReferenceRunner bug: bundle {Bundle} threw")]
    public static partial void BundleEscaped(ILogger logger, string jobId, string bundle, Exception error);
}
