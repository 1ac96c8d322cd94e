using BeamConformance.ReferenceRunner.Workers.Internal;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Org.Apache.Beam.Model.FnExecution.V1;
using Org.Apache.Beam.Model.JobManagement.V1;
using Severity = Org.Apache.Beam.Model.FnExecution.V1.LogEntry.Types.Severity.Types.Enum;

namespace BeamConformance.ReferenceRunner.FnApi.Internal;

/// <summary>BeamFnLogging: SDK log entries go to the runner's log; ERROR and CRITICAL also to the job's messages.</summary>
internal sealed class LoggingServer(SdkWorkerRegistry workers, ILogger sdkLogger) : BeamFnLogging.BeamFnLoggingBase
{
    public override async Task Logging(IAsyncStreamReader<LogEntry.Types.List> incoming, IServerStreamWriter<LogControl> outgoing, ServerCallContext context)
    {
        var workerId = WorkerIds.Find(context) ?? "(no worker_id)";
        var closing = workers.Find(workerId)?.Closing ?? CancellationToken.None;
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, closing);
        try
        {
            while (await incoming.MoveNext(ended.Token).ConfigureAwait(false))
            {
                foreach (var entry in incoming.Current.LogEntries)
                {
                    Deliver(workerId, entry);
                }
            }
        }
        catch (OperationCanceledException) when (closing.IsCancellationRequested)
        {
            // The runner is done with the worker.
        }
    }

    private void Deliver(string workerId, LogEntry entry)
    {
        var level = ToLogLevel(entry.Severity);
        var trace = string.IsNullOrEmpty(entry.Trace) ? "" : Environment.NewLine + entry.Trace;
        var location = string.IsNullOrEmpty(entry.TransformId) ? entry.LogLocation : $"{entry.LogLocation} [{entry.TransformId}]";
        FnApiLog.SdkLog(sdkLogger, level, workerId, location, entry.Message, trace);
        if (entry.Severity >= Severity.Error && workers.Find(workerId)?.Messages is { } messages)
        {
            var text = string.IsNullOrEmpty(entry.TransformId)
                ? $"SDK worker {workerId}: {entry.Message}{trace}"
                : $"SDK worker {workerId}, transform {entry.TransformId}: {entry.Message}{trace}";
            messages.Post(JobMessage.Types.MessageImportance.JobMessageError, text);
        }
    }

    private static LogLevel ToLogLevel(Severity severity) => severity switch
    {
        Severity.Trace => LogLevel.Trace,
        Severity.Debug => LogLevel.Debug,
        Severity.Info or Severity.Notice or Severity.Unspecified => LogLevel.Information,
        Severity.Warn => LogLevel.Warning,
        Severity.Error => LogLevel.Error,
        Severity.Critical => LogLevel.Critical,
        _ => LogLevel.Information,
    };
}
