using System.Threading.Channels;
using Grpc.Core;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness.Internal;

/// <summary>Sends the worker's log entries to the runner's BeamFnLogging endpoint, in batches, on one stream.</summary>
internal sealed class LogSender : IAsyncDisposable
{
    private readonly Channel<LogEntry> _entries = Channel.CreateUnbounded<LogEntry>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _pump;

    public LogSender(CallInvoker invoker, Metadata headers, ILogger logger, string workerId, CancellationToken stop) =>
        _pump = Task.Run(() => PumpAsync(invoker, headers, logger, workerId, stop), CancellationToken.None);

    public void Info(string message) => Add(LogEntry.Types.Severity.Types.Enum.Info, message, null, null);

    public void Error(string message, string? instructionId, string? transformId) =>
        Add(LogEntry.Types.Severity.Types.Enum.Error, message, instructionId, transformId);

    public async ValueTask DisposeAsync()
    {
        _entries.Writer.TryComplete();
        await _pump.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private void Add(LogEntry.Types.Severity.Types.Enum severity, string message, string? instructionId, string? transformId) =>
        _entries.Writer.TryWrite(new LogEntry
        {
            Severity = severity,
            Message = message,
            Timestamp = Timestamp.FromDateTime(DateTime.UtcNow),
            InstructionId = instructionId ?? string.Empty,
            TransformId = transformId ?? string.Empty,
            LogLocation = "BeamConformance.FakeHarness",
        });

    private async Task PumpAsync(CallInvoker invoker, Metadata headers, ILogger logger, string workerId, CancellationToken stop)
    {
        try
        {
            using var call = new BeamFnLogging.BeamFnLoggingClient(invoker).Logging(new CallOptions(headers, cancellationToken: stop));
            var drain = Task.Run(async () =>
            {
                while (await call.ResponseStream.MoveNext(stop).ConfigureAwait(false))
                {
                    // LogControl carries nothing today.
                }
            }, CancellationToken.None);
            while (await _entries.Reader.WaitToReadAsync(stop).ConfigureAwait(false))
            {
                var batch = new LogEntry.Types.List();
                while (batch.LogEntries.Count < 100 && _entries.Reader.TryRead(out var entry))
                {
                    batch.LogEntries.Add(entry);
                }

                await call.RequestStream.WriteAsync(batch, stop).ConfigureAwait(false);
            }

            await call.RequestStream.CompleteAsync().ConfigureAwait(false);
            await drain.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        catch (Exception e) when (e is OperationCanceledException or RpcException or IOException or InvalidOperationException or TimeoutException)
        {
            if (!stop.IsCancellationRequested)
            {
                Log.LoggingFailed(logger, workerId, e.Message);
            }
        }
    }
}
