using BeamConformance.Protos;
using BeamConformance.Transport;

namespace Org.Apache.Beam.Model.FnExecution.V1;

/// <summary>
/// Typed binding of the gRPC service <c>org.apache.beam.model.fn_execution.v1.ProvisionService</c> (org/apache/beam/model/fn_execution/v1/beam_provision_api.proto): each method declared once, a base class
/// for implementations, <see cref="BindService"/> and a client. Only this binding layer knows the transport.
/// </summary>
public static class ProvisionService
{
    /// <summary>The fully qualified service name.</summary>
    public const string ServiceName = "org.apache.beam.model.fn_execution.v1.ProvisionService";

    /// <summary>Registers <paramref name="implementation"/> for every method of <c>ProvisionService</c> on <paramref name="binder"/> (e.g. a <see cref="GrpcServer"/>).</summary>
    /// <param name="binder">The server or binder.</param>
    /// <param name="implementation">The service implementation.</param>
    public static void BindService(ServiceBinderBase binder, ProvisionServiceBase implementation)
    {
        ArgumentNullException.ThrowIfNull(binder);
        ArgumentNullException.ThrowIfNull(implementation);
        binder.AddMethod(Methods.GetProvisionInfo, new UnaryServerMethod<GetProvisionInfoRequest, GetProvisionInfoResponse>(implementation.GetProvisionInfo));
    }

    /// <summary>The methods of <c>ProvisionService</c>: path, shape and protobuf marshallers.</summary>
    public static class Methods
    {
        /// <summary><c>/org.apache.beam.model.fn_execution.v1.ProvisionService/GetProvisionInfo</c>: Unary, <see cref="GetProvisionInfoRequest"/> in, <see cref="GetProvisionInfoResponse"/> out.</summary>
        public static readonly Method<GetProvisionInfoRequest, GetProvisionInfoResponse> GetProvisionInfo = new(
            MethodType.Unary, ServiceName, "GetProvisionInfo", ProtobufMarshaller.For(GetProvisionInfoRequest.Parser), ProtobufMarshaller.For(GetProvisionInfoResponse.Parser));
    }

    /// <summary>Base class of <c>ProvisionService</c> implementations: every method answers UNIMPLEMENTED until overridden.</summary>
    public abstract class ProvisionServiceBase
    {
        /// <summary>Handles <c>GetProvisionInfo</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="context">The call context.</param>
        /// <returns>The response.</returns>
        public virtual Task<GetProvisionInfoResponse> GetProvisionInfo(GetProvisionInfoRequest request, ServerCallContext context) => throw Unimplemented("GetProvisionInfo");

        private static RpcException Unimplemented(string method) =>
            new(new Status(StatusCode.Unimplemented, $"Method /org.apache.beam.model.fn_execution.v1.ProvisionService/{method} is not implemented by this server."));
    }

    /// <summary>Client of <c>ProvisionService</c> over a <see cref="CallInvoker"/> (e.g. <c>GrpcChannel.CreateCallInvoker()</c>).</summary>
    public sealed class ProvisionServiceClient
    {
        private readonly CallInvoker _invoker;

        /// <summary>Creates a client.</summary>
        /// <param name="callInvoker">The invoker of the channel to the service.</param>
        public ProvisionServiceClient(CallInvoker callInvoker) => _invoker = callInvoker ?? throw new ArgumentNullException(nameof(callInvoker));

        /// <summary>Calls <c>GetProvisionInfo</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="options">Headers, deadline, cancellation.</param>
        /// <returns>The call; await it for the response (<see cref="RpcException"/> on a non-OK status).</returns>
        public AsyncUnaryCall<GetProvisionInfoResponse> GetProvisionInfoAsync(GetProvisionInfoRequest request, CallOptions options = default) =>
            _invoker.AsyncUnaryCall(Methods.GetProvisionInfo, null, options, request);
    }
}
