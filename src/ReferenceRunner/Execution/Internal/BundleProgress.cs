using System.Globalization;
using Microsoft.Extensions.Logging;
using Org.Apache.Beam.Model.JobManagement.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Execution.Internal;

/// <summary>
/// The progress answers of one bundle as the runner checks and records them: each is read with
/// <see cref="ProgressAnswer"/> (read index and work per transform, logged at Debug, EventId 1252); the first answer of the
/// bundle with a malformed work or read-index MonitoringInfo is a job warning naming the instruction, the worker, the
/// URN, the transform and what is wrong (and a Warning log, EventId 1253). The malformed MonitoringInfo is left out
/// (no split is based on it) and the bundle goes on: progress is advisory, the bundle's outputs do not depend on it.
/// Thread-safe: the periodic progress loop and the progress split loop share it.
/// </summary>
internal sealed class BundleProgress(JobRunContext context, string workerId, string instructionId, string inputTransformId, ILogger logger)
{
    private int _warned;

    /// <summary>Reads one answer's (resolved) MonitoringInfos, records it, and warns once per bundle when it is malformed.</summary>
    public ProgressAnswer Read(IEnumerable<MonitoringInfo> infos)
    {
        var answer = ProgressAnswer.Read(infos, inputTransformId);
        foreach (var (transform, (completed, remaining)) in answer.Work)
        {
            SplitLog.Work(logger, context.JobId, instructionId, answer.ReadIndex, transform, Show(completed), Show(remaining));
        }

        if (answer.Problems.Count > 0 && Interlocked.Exchange(ref _warned, 1) == 0)
        {
            var problems = string.Join("; ", answer.Problems);
            SplitLog.MalformedProgress(logger, context.JobId, instructionId, workerId, problems);
            context.Messages.Post(JobMessage.Types.MessageImportance.JobMessageWarning,
                $"ProcessBundleProgressResponse for instruction '{instructionId}' from SDK worker '{workerId}' has malformed MonitoringInfos, left out (the bundle goes on): {problems}");
        }

        return answer;
    }

    private static string Show(IReadOnlyList<double> values) => "[" + string.Join(", ", values.Select(static v => v.ToString(CultureInfo.InvariantCulture))) + "]";
}
