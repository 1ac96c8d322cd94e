using BeamConformance.ReferenceRunner.Workers.Internal;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.ReferenceRunner.FnApi.Internal;

/// <summary>BeamFnData: one multiplexed stream per worker; incoming data is routed by instruction id to its bundle.</summary>
internal sealed class DataServer(SdkWorkerRegistry workers, ILogger logger) : BeamFnData.BeamFnDataBase
{
    public override async Task Data(IAsyncStreamReader<Elements> incoming, IServerStreamWriter<Elements> outgoing, ServerCallContext context)
    {
        var worker = workers.Caller(context);
        var sender = new StreamSender<Elements>(outgoing);
        worker.AttachData(sender);
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, worker.Closing);
        try
        {
            while (await incoming.MoveNext(ended.Token).ConfigureAwait(false))
            {
                var elements = incoming.Current;
                foreach (var data in elements.Data)
                {
                    if (worker.ActiveBundles.TryGetValue(data.InstructionId, out var bundle))
                    {
                        bundle.OnData(data);
                    }
                    else
                    {
                        FnApiLog.DataForUnknownBundle(logger, worker.WorkerId, data.InstructionId);
                    }
                }

                foreach (var timers in elements.Timers)
                {
                    if (worker.ActiveBundles.TryGetValue(timers.InstructionId, out var bundle))
                    {
                        bundle.OnTimers(timers);
                    }
                }
            }

            FnApiLog.StreamEnded(logger, worker.WorkerId, "data", "closed by the worker");
        }
        catch (OperationCanceledException) when (worker.Closing.IsCancellationRequested)
        {
            FnApiLog.StreamEnded(logger, worker.WorkerId, "data", "closed by the runner");
        }
        finally
        {
            worker.DetachData(sender);
        }
    }
}
