using Grpc.Core;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness.Internal;

/// <summary>The generated <c>BeamFnExternalWorkerPool</c> service base over the worker pool's two handlers.</summary>
internal sealed class WorkerPoolServer(
    Func<StartWorkerRequest, ServerCallContext, Task<StartWorkerResponse>> startWorker,
    Func<StopWorkerRequest, ServerCallContext, Task<StopWorkerResponse>> stopWorker) : BeamFnExternalWorkerPool.BeamFnExternalWorkerPoolBase
{
    public override Task<StartWorkerResponse> StartWorker(StartWorkerRequest request, ServerCallContext context) => startWorker(request, context);

    public override Task<StopWorkerResponse> StopWorker(StopWorkerRequest request, ServerCallContext context) => stopWorker(request, context);
}
