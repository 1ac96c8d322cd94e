using BeamConformance.ReferenceRunner.Workers.Internal;
using Grpc.Core;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.ReferenceRunner.Provision.Internal;

/// <summary>
/// ProvisionService of <c>beam_provision_api.proto</c> on the Fn API port: GetProvisionInfo answers the
/// calling worker (identified by its <c>worker_id</c> request metadata) with its job's pipeline options,
/// retrieval token, endpoints, dependencies and the runner's capabilities. INVALID_ARGUMENT without
/// <c>worker_id</c>; NOT_FOUND for a worker the runner did not start (or already stopped).
/// </summary>
internal sealed class ProvisionServer(SdkWorkerRegistry workers) : Org.Apache.Beam.Model.FnExecution.V1.ProvisionService.ProvisionServiceBase
{
    public void Bind(ServiceBinderBase binder) => Org.Apache.Beam.Model.FnExecution.V1.ProvisionService.BindService(binder, this);

    public override Task<GetProvisionInfoResponse> GetProvisionInfo(GetProvisionInfoRequest request, ServerCallContext context)
    {
        var workerId = context.RequestHeaders.GetValue("worker_id");
        if (string.IsNullOrEmpty(workerId))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "GetProvisionInfo needs the caller's worker_id request metadata."));
        }

        var info = workers.Find(workerId)?.Provision
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"worker_id '{workerId}' names no worker this runner started (or it was stopped)."));
        return Task.FromResult(new GetProvisionInfoResponse { Info = info });
    }
}
