using BeamConformance.Protos;
using BeamConformance.Transport;

namespace Org.Apache.Beam.Model.FnExecution.V1;

/// <summary>
/// Typed binding of the gRPC service <c>org.apache.beam.model.fn_execution.v1.BeamFnExternalWorkerPool</c> (org/apache/beam/model/fn_execution/v1/beam_fn_api.proto): each method declared once, a base class
/// for implementations, <see cref="BindService"/> and a client. Only this binding layer knows the transport.
/// </summary>
public static class BeamFnExternalWorkerPool
{
    /// <summary>The fully qualified service name.</summary>
    public const string ServiceName = "org.apache.beam.model.fn_execution.v1.BeamFnExternalWorkerPool";

    /// <summary>Registers <paramref name="implementation"/> for every method of <c>BeamFnExternalWorkerPool</c> on <paramref name="binder"/> (e.g. a <see cref="GrpcServer"/>).</summary>
    /// <param name="binder">The server or binder.</param>
    /// <param name="implementation">The service implementation.</param>
    public static void BindService(ServiceBinderBase binder, BeamFnExternalWorkerPoolBase implementation)
    {
        ArgumentNullException.ThrowIfNull(binder);
        ArgumentNullException.ThrowIfNull(implementation);
        binder.AddMethod(Methods.StartWorker, new UnaryServerMethod<StartWorkerRequest, StartWorkerResponse>(implementation.StartWorker));
        binder.AddMethod(Methods.StopWorker, new UnaryServerMethod<StopWorkerRequest, StopWorkerResponse>(implementation.StopWorker));
    }

    /// <summary>The methods of <c>BeamFnExternalWorkerPool</c>: path, shape and protobuf marshallers.</summary>
    public static class Methods
    {
        /// <summary><c>/org.apache.beam.model.fn_execution.v1.BeamFnExternalWorkerPool/StartWorker</c>: Unary, <see cref="StartWorkerRequest"/> in, <see cref="StartWorkerResponse"/> out.</summary>
        public static readonly Method<StartWorkerRequest, StartWorkerResponse> StartWorker = new(
            MethodType.Unary, ServiceName, "StartWorker", ProtobufMarshaller.For(StartWorkerRequest.Parser), ProtobufMarshaller.For(StartWorkerResponse.Parser));

        /// <summary><c>/org.apache.beam.model.fn_execution.v1.BeamFnExternalWorkerPool/StopWorker</c>: Unary, <see cref="StopWorkerRequest"/> in, <see cref="StopWorkerResponse"/> out.</summary>
        public static readonly Method<StopWorkerRequest, StopWorkerResponse> StopWorker = new(
            MethodType.Unary, ServiceName, "StopWorker", ProtobufMarshaller.For(StopWorkerRequest.Parser), ProtobufMarshaller.For(StopWorkerResponse.Parser));
    }

    /// <summary>Base class of <c>BeamFnExternalWorkerPool</c> implementations: every method answers UNIMPLEMENTED until overridden.</summary>
    public abstract class BeamFnExternalWorkerPoolBase
    {
        /// <summary>Handles <c>StartWorker</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="context">The call context.</param>
        /// <returns>The response.</returns>
        public virtual Task<StartWorkerResponse> StartWorker(StartWorkerRequest request, ServerCallContext context) => throw Unimplemented("StartWorker");

        /// <summary>Handles <c>StopWorker</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="context">The call context.</param>
        /// <returns>The response.</returns>
        public virtual Task<StopWorkerResponse> StopWorker(StopWorkerRequest request, ServerCallContext context) => throw Unimplemented("StopWorker");

        private static RpcException Unimplemented(string method) =>
            new(new Status(StatusCode.Unimplemented, $"Method /org.apache.beam.model.fn_execution.v1.BeamFnExternalWorkerPool/{method} is not implemented by this server."));
    }

    /// <summary>Client of <c>BeamFnExternalWorkerPool</c> over a <see cref="CallInvoker"/> (e.g. <c>GrpcChannel.CreateCallInvoker()</c>).</summary>
    public sealed class BeamFnExternalWorkerPoolClient
    {
        private readonly CallInvoker _invoker;

        /// <summary>Creates a client.</summary>
        /// <param name="callInvoker">The invoker of the channel to the service.</param>
        public BeamFnExternalWorkerPoolClient(CallInvoker callInvoker) => _invoker = callInvoker ?? throw new ArgumentNullException(nameof(callInvoker));

        /// <summary>Calls <c>StartWorker</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="options">Headers, deadline, cancellation.</param>
        /// <returns>The call; await it for the response (<see cref="RpcException"/> on a non-OK status).</returns>
        public AsyncUnaryCall<StartWorkerResponse> StartWorkerAsync(StartWorkerRequest request, CallOptions options = default) =>
            _invoker.AsyncUnaryCall(Methods.StartWorker, null, options, request);

        /// <summary>Calls <c>StopWorker</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="options">Headers, deadline, cancellation.</param>
        /// <returns>The call; await it for the response (<see cref="RpcException"/> on a non-OK status).</returns>
        public AsyncUnaryCall<StopWorkerResponse> StopWorkerAsync(StopWorkerRequest request, CallOptions options = default) =>
            _invoker.AsyncUnaryCall(Methods.StopWorker, null, options, request);
    }
}
