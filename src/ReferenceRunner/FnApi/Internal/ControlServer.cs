using BeamConformance.ReferenceRunner.Workers.Internal;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.ReferenceRunner.FnApi.Internal;

/// <summary>BeamFnControl: the Control stream of each worker, and GetProcessBundleDescriptor.</summary>
internal sealed class ControlServer(SdkWorkerRegistry workers, FnApiOptions options, ILogger logger) : BeamFnControl.BeamFnControlBase
{
    public override async Task Control(IAsyncStreamReader<InstructionResponse> responses, IServerStreamWriter<InstructionRequest> requests, ServerCallContext context)
    {
        var worker = workers.Caller(context);
        var connection = new WorkerConnection(worker, new StreamSender<InstructionRequest>(requests), options, logger);
        if (!worker.Connected.TrySetResult(connection))
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists, $"worker '{worker.WorkerId}' already opened a control stream; one per worker id"));
        }

        FnApiLog.WorkerConnected(logger, worker.WorkerId);
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, worker.Closing);
        string reason;
        try
        {
            while (await responses.MoveNext(ended.Token).ConfigureAwait(false))
            {
                connection.OnResponse(responses.Current);
            }

            reason = "the worker closed its control stream";
        }
        catch (OperationCanceledException) when (worker.Closing.IsCancellationRequested)
        {
            reason = "the runner closed the control stream";
        }
        catch (Exception e)
        {
            reason = $"the control stream broke: {e.Message}";
        }

        FnApiLog.WorkerDisconnected(logger, worker.WorkerId, reason);
        connection.OnDisconnected(reason);
    }

    public override Task<ProcessBundleDescriptor> GetProcessBundleDescriptor(GetProcessBundleDescriptorRequest request, ServerCallContext context)
    {
        var id = request.ProcessBundleDescriptorId;
        var workerId = WorkerIds.Find(context);
        var descriptor = workerId is { Length: > 0 }
            ? workers.Find(workerId)?.Descriptors.GetValueOrDefault(id)
            : workers.FindDescriptor(id);
        return descriptor is not null
            ? Task.FromResult(descriptor)
            : throw new RpcException(new Status(StatusCode.NotFound,
                $"no ProcessBundleDescriptor '{id}' for worker '{workerId ?? "(no worker_id metadata)"}'"));
    }
}
