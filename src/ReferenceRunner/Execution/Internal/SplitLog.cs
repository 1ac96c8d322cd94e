using Microsoft.Extensions.Logging;

namespace BeamConformance.ReferenceRunner.Execution.Internal;

/// <summary>Runner-initiated channel splits (EventIds 1250–1259 of the execution block).</summary>
internal static partial class SplitLog
{
    [LoggerMessage(EventId = 1250, Level = LogLevel.Debug, Message = "job {JobId}: split of {Instruction} at fraction {Fraction} of {Elements} element(s): primary up to {LastPrimary}, residual from {FirstResidual}")]
    public static partial void Split(ILogger logger, string jobId, string instruction, double fraction, int elements, long lastPrimary, long firstResidual);

    [LoggerMessage(EventId = 1251, Level = LogLevel.Debug, Message = "job {JobId}: split of {Instruction} at fraction {Fraction}: no split ({Why})")]
    public static partial void NoSplit(ILogger logger, string jobId, string instruction, double fraction, string why);

    [LoggerMessage(EventId = 1252, Level = LogLevel.Debug, Message = "job {JobId}: progress of {Instruction}: read index {ReadIndex}, transform {Transform} work completed {Completed}, remaining {Remaining}")]
    public static partial void Work(ILogger logger, string jobId, string instruction, long? readIndex, string transform, string completed, string remaining);

    [LoggerMessage(EventId = 1253, Level = LogLevel.Warning, Message = "job {JobId}: progress answer of {Instruction} from SDK worker {WorkerId} has malformed MonitoringInfos, left out: {Problems}")]
    public static partial void MalformedProgress(ILogger logger, string jobId, string instruction, string workerId, string problems);
}
