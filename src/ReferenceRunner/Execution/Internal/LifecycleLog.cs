using Microsoft.Extensions.Logging;

namespace BeamConformance.ReferenceRunner.Execution.Internal;

/// <summary>The SDF lifecycle: bundle finalization, checkpoints, drain (EventIds 1280–1289 of the execution block).</summary>
internal static partial class LifecycleLog
{
    [LoggerMessage(EventId = 1280, Level = LogLevel.Debug, Message = "job {JobId}: bundle {Instruction} committed and finalized")]
    public static partial void Finalized(ILogger logger, string jobId, string instruction);

    [LoggerMessage(EventId = 1281, Level = LogLevel.Warning, Message = "job {JobId}: FinalizeBundle of committed bundle {Instruction} failed (its outputs stay committed): {Error}")]
    public static partial void FinalizeFailed(ILogger logger, string jobId, string instruction, string error);
}
