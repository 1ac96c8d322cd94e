using BeamConformance.Protos;
using BeamConformance.Transport;

namespace Org.Apache.Beam.Model.FnExecution.V1;

/// <summary>
/// Typed binding of the gRPC service <c>org.apache.beam.model.fn_execution.v1.BeamFnWorkerStatus</c> (org/apache/beam/model/fn_execution/v1/beam_fn_api.proto): each method declared once, a base class
/// for implementations, <see cref="BindService"/> and a client. Only this binding layer knows the transport.
/// </summary>
public static class BeamFnWorkerStatus
{
    /// <summary>The fully qualified service name.</summary>
    public const string ServiceName = "org.apache.beam.model.fn_execution.v1.BeamFnWorkerStatus";

    /// <summary>Registers <paramref name="implementation"/> for every method of <c>BeamFnWorkerStatus</c> on <paramref name="binder"/> (e.g. a <see cref="GrpcServer"/>).</summary>
    /// <param name="binder">The server or binder.</param>
    /// <param name="implementation">The service implementation.</param>
    public static void BindService(ServiceBinderBase binder, BeamFnWorkerStatusBase implementation)
    {
        ArgumentNullException.ThrowIfNull(binder);
        ArgumentNullException.ThrowIfNull(implementation);
        binder.AddMethod(Methods.WorkerStatus, new DuplexStreamingServerMethod<WorkerStatusResponse, WorkerStatusRequest>(implementation.WorkerStatus));
    }

    /// <summary>The methods of <c>BeamFnWorkerStatus</c>: path, shape and protobuf marshallers.</summary>
    public static class Methods
    {
        /// <summary><c>/org.apache.beam.model.fn_execution.v1.BeamFnWorkerStatus/WorkerStatus</c>: DuplexStreaming, a stream of <see cref="WorkerStatusResponse"/> in, a stream of <see cref="WorkerStatusRequest"/> out.</summary>
        public static readonly Method<WorkerStatusResponse, WorkerStatusRequest> WorkerStatus = new(
            MethodType.DuplexStreaming, ServiceName, "WorkerStatus", ProtobufMarshaller.For(WorkerStatusResponse.Parser), ProtobufMarshaller.For(WorkerStatusRequest.Parser));
    }

    /// <summary>Base class of <c>BeamFnWorkerStatus</c> implementations: every method answers UNIMPLEMENTED until overridden.</summary>
    public abstract class BeamFnWorkerStatusBase
    {
        /// <summary>Handles <c>WorkerStatus</c>.</summary>
        /// <param name="requestStream">The request stream.</param>
        /// <param name="responseStream">The response stream.</param>
        /// <param name="context">The call context.</param>
        /// <returns>Completes when the response stream is done.</returns>
        public virtual Task WorkerStatus(IAsyncStreamReader<WorkerStatusResponse> requestStream, IServerStreamWriter<WorkerStatusRequest> responseStream, ServerCallContext context) => throw Unimplemented("WorkerStatus");

        private static RpcException Unimplemented(string method) =>
            new(new Status(StatusCode.Unimplemented, $"Method /org.apache.beam.model.fn_execution.v1.BeamFnWorkerStatus/{method} is not implemented by this server."));
    }

    /// <summary>Client of <c>BeamFnWorkerStatus</c> over a <see cref="CallInvoker"/> (e.g. <c>GrpcChannel.CreateCallInvoker()</c>).</summary>
    public sealed class BeamFnWorkerStatusClient
    {
        private readonly CallInvoker _invoker;

        /// <summary>Creates a client.</summary>
        /// <param name="callInvoker">The invoker of the channel to the service.</param>
        public BeamFnWorkerStatusClient(CallInvoker callInvoker) => _invoker = callInvoker ?? throw new ArgumentNullException(nameof(callInvoker));

        /// <summary>Calls <c>WorkerStatus</c>; the request stream is writable at once.</summary>
        /// <param name="options">Headers, deadline, cancellation.</param>
        /// <returns>The call, with both streams.</returns>
        public AsyncDuplexStreamingCall<WorkerStatusResponse, WorkerStatusRequest> WorkerStatus(CallOptions options = default) =>
            _invoker.AsyncDuplexStreamingCall(Methods.WorkerStatus, null, options);
    }
}
