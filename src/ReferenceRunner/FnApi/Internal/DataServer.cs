using Grpc.Core;
using Microsoft.Extensions.Logging;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.ReferenceRunner.FnApi.Internal;

/// <summary>BeamFnData: one multiplexed stream per worker; incoming data is routed by instruction id to its bundle.</summary>
internal sealed class DataServer(WorkerRegistry workers, ILogger logger) : BeamFnData.BeamFnDataBase
{
    public override async Task Data(IAsyncStreamReader<Elements> incoming, IServerStreamWriter<Elements> outgoing, ServerCallContext context)
    {
        var slot = workers.Caller(context);
        var sender = new StreamSender<Elements>(outgoing);
        slot.AttachData(sender);
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, slot.Closing);
        try
        {
            while (await incoming.MoveNext(ended.Token).ConfigureAwait(false))
            {
                var elements = incoming.Current;
                foreach (var data in elements.Data)
                {
                    if (slot.ActiveBundles.TryGetValue(data.InstructionId, out var bundle))
                    {
                        bundle.OnData(data);
                    }
                    else
                    {
                        FnApiLog.DataForUnknownBundle(logger, slot.WorkerId, data.InstructionId);
                    }
                }

                foreach (var timers in elements.Timers)
                {
                    if (slot.ActiveBundles.TryGetValue(timers.InstructionId, out var bundle))
                    {
                        bundle.OnTimers(timers);
                    }
                }
            }

            FnApiLog.StreamEnded(logger, slot.WorkerId, "data", "closed by the worker");
        }
        catch (OperationCanceledException) when (slot.Closing.IsCancellationRequested)
        {
            FnApiLog.StreamEnded(logger, slot.WorkerId, "data", "closed by the runner");
        }
        finally
        {
            slot.DetachData(sender);
        }
    }
}
