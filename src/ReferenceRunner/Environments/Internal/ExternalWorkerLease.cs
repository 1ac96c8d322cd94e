using BeamConformance.ReferenceRunner.Execution;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.ReferenceRunner.Environments.Internal;

/// <summary>A worker started through BeamFnExternalWorkerPool.StartWorker; disposing calls StopWorker.</summary>
internal sealed class ExternalWorkerLease(string workerId, GrpcChannel channel, TimeProvider time, ILogger logger) : IWorkerLease
{
    private int _disposed;

    public string WorkerId { get; } = workerId;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            using var call = new BeamFnExternalWorkerPool.BeamFnExternalWorkerPoolClient(channel.CreateCallInvoker()).StopWorkerAsync(new StopWorkerRequest { WorkerId = WorkerId }, new CallOptions(deadline: time.GetUtcNow().UtcDateTime.AddSeconds(10)));
            var response = await call.ResponseAsync.ConfigureAwait(false);
            if (response.Error.Length > 0)
            {
                Log.StopWorkerFailed(logger, WorkerId, response.Error);
            }
        }
        catch (RpcException e)
        {
            // The pool may already be gone (the SDK stops it once the job is over).
            Log.StopWorkerFailed(logger, WorkerId, $"{e.StatusCode}: {e.Status.Detail}");
        }
        finally
        {
            channel.Dispose();
        }
    }
}
