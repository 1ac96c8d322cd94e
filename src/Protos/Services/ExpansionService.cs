using BeamConformance.Protos;
using BeamConformance.Transport;

namespace Org.Apache.Beam.Model.Expansion.V1;

/// <summary>
/// Typed binding of the gRPC service <c>org.apache.beam.model.expansion.v1.ExpansionService</c> (org/apache/beam/model/job_management/v1/beam_expansion_api.proto): each method declared once, a base class
/// for implementations, <see cref="BindService"/> and a client. Only this binding layer knows the transport.
/// </summary>
public static class ExpansionService
{
    /// <summary>The fully qualified service name.</summary>
    public const string ServiceName = "org.apache.beam.model.expansion.v1.ExpansionService";

    /// <summary>Registers <paramref name="implementation"/> for every method of <c>ExpansionService</c> on <paramref name="binder"/> (e.g. a <see cref="GrpcServer"/>).</summary>
    /// <param name="binder">The server or binder.</param>
    /// <param name="implementation">The service implementation.</param>
    public static void BindService(ServiceBinderBase binder, ExpansionServiceBase implementation)
    {
        ArgumentNullException.ThrowIfNull(binder);
        ArgumentNullException.ThrowIfNull(implementation);
        binder.AddMethod(Methods.Expand, new UnaryServerMethod<ExpansionRequest, ExpansionResponse>(implementation.Expand));
        binder.AddMethod(Methods.DiscoverSchemaTransform, new UnaryServerMethod<DiscoverSchemaTransformRequest, DiscoverSchemaTransformResponse>(implementation.DiscoverSchemaTransform));
    }

    /// <summary>The methods of <c>ExpansionService</c>: path, shape and protobuf marshallers.</summary>
    public static class Methods
    {
        /// <summary><c>/org.apache.beam.model.expansion.v1.ExpansionService/Expand</c>: Unary, <see cref="ExpansionRequest"/> in, <see cref="ExpansionResponse"/> out.</summary>
        public static readonly Method<ExpansionRequest, ExpansionResponse> Expand = new(
            MethodType.Unary, ServiceName, "Expand", ProtobufMarshaller.For(ExpansionRequest.Parser), ProtobufMarshaller.For(ExpansionResponse.Parser));

        /// <summary><c>/org.apache.beam.model.expansion.v1.ExpansionService/DiscoverSchemaTransform</c>: Unary, <see cref="DiscoverSchemaTransformRequest"/> in, <see cref="DiscoverSchemaTransformResponse"/> out.</summary>
        public static readonly Method<DiscoverSchemaTransformRequest, DiscoverSchemaTransformResponse> DiscoverSchemaTransform = new(
            MethodType.Unary, ServiceName, "DiscoverSchemaTransform", ProtobufMarshaller.For(DiscoverSchemaTransformRequest.Parser), ProtobufMarshaller.For(DiscoverSchemaTransformResponse.Parser));
    }

    /// <summary>Base class of <c>ExpansionService</c> implementations: every method answers UNIMPLEMENTED until overridden.</summary>
    public abstract class ExpansionServiceBase
    {
        /// <summary>Handles <c>Expand</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="context">The call context.</param>
        /// <returns>The response.</returns>
        public virtual Task<ExpansionResponse> Expand(ExpansionRequest request, ServerCallContext context) => throw Unimplemented("Expand");

        /// <summary>Handles <c>DiscoverSchemaTransform</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="context">The call context.</param>
        /// <returns>The response.</returns>
        public virtual Task<DiscoverSchemaTransformResponse> DiscoverSchemaTransform(DiscoverSchemaTransformRequest request, ServerCallContext context) => throw Unimplemented("DiscoverSchemaTransform");

        private static RpcException Unimplemented(string method) =>
            new(new Status(StatusCode.Unimplemented, $"Method /org.apache.beam.model.expansion.v1.ExpansionService/{method} is not implemented by this server."));
    }

    /// <summary>Client of <c>ExpansionService</c> over a <see cref="CallInvoker"/> (e.g. <c>GrpcChannel.CreateCallInvoker()</c>).</summary>
    public sealed class ExpansionServiceClient
    {
        private readonly CallInvoker _invoker;

        /// <summary>Creates a client.</summary>
        /// <param name="callInvoker">The invoker of the channel to the service.</param>
        public ExpansionServiceClient(CallInvoker callInvoker) => _invoker = callInvoker ?? throw new ArgumentNullException(nameof(callInvoker));

        /// <summary>Calls <c>Expand</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="options">Headers, deadline, cancellation.</param>
        /// <returns>The call; await it for the response (<see cref="RpcException"/> on a non-OK status).</returns>
        public AsyncUnaryCall<ExpansionResponse> ExpandAsync(ExpansionRequest request, CallOptions options = default) =>
            _invoker.AsyncUnaryCall(Methods.Expand, null, options, request);

        /// <summary>Calls <c>DiscoverSchemaTransform</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="options">Headers, deadline, cancellation.</param>
        /// <returns>The call; await it for the response (<see cref="RpcException"/> on a non-OK status).</returns>
        public AsyncUnaryCall<DiscoverSchemaTransformResponse> DiscoverSchemaTransformAsync(DiscoverSchemaTransformRequest request, CallOptions options = default) =>
            _invoker.AsyncUnaryCall(Methods.DiscoverSchemaTransform, null, options, request);
    }
}
