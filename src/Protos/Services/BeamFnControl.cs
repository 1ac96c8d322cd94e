using BeamConformance.Protos;
using BeamConformance.Transport;

namespace Org.Apache.Beam.Model.FnExecution.V1;

/// <summary>
/// Typed binding of the gRPC service <c>org.apache.beam.model.fn_execution.v1.BeamFnControl</c> (org/apache/beam/model/fn_execution/v1/beam_fn_api.proto): each method declared once, a base class
/// for implementations, <see cref="BindService"/> and a client. Only this binding layer knows the transport.
/// </summary>
public static class BeamFnControl
{
    /// <summary>The fully qualified service name.</summary>
    public const string ServiceName = "org.apache.beam.model.fn_execution.v1.BeamFnControl";

    /// <summary>Registers <paramref name="implementation"/> for every method of <c>BeamFnControl</c> on <paramref name="binder"/> (e.g. a <see cref="GrpcServer"/>).</summary>
    /// <param name="binder">The server or binder.</param>
    /// <param name="implementation">The service implementation.</param>
    public static void BindService(ServiceBinderBase binder, BeamFnControlBase implementation)
    {
        ArgumentNullException.ThrowIfNull(binder);
        ArgumentNullException.ThrowIfNull(implementation);
        binder.AddMethod(Methods.Control, new DuplexStreamingServerMethod<InstructionResponse, InstructionRequest>(implementation.Control));
        binder.AddMethod(Methods.GetProcessBundleDescriptor, new UnaryServerMethod<GetProcessBundleDescriptorRequest, ProcessBundleDescriptor>(implementation.GetProcessBundleDescriptor));
    }

    /// <summary>The methods of <c>BeamFnControl</c>: path, shape and protobuf marshallers.</summary>
    public static class Methods
    {
        /// <summary><c>/org.apache.beam.model.fn_execution.v1.BeamFnControl/Control</c>: DuplexStreaming, a stream of <see cref="InstructionResponse"/> in, a stream of <see cref="InstructionRequest"/> out.</summary>
        public static readonly Method<InstructionResponse, InstructionRequest> Control = new(
            MethodType.DuplexStreaming, ServiceName, "Control", ProtobufMarshaller.For(InstructionResponse.Parser), ProtobufMarshaller.For(InstructionRequest.Parser));

        /// <summary><c>/org.apache.beam.model.fn_execution.v1.BeamFnControl/GetProcessBundleDescriptor</c>: Unary, <see cref="GetProcessBundleDescriptorRequest"/> in, <see cref="ProcessBundleDescriptor"/> out.</summary>
        public static readonly Method<GetProcessBundleDescriptorRequest, ProcessBundleDescriptor> GetProcessBundleDescriptor = new(
            MethodType.Unary, ServiceName, "GetProcessBundleDescriptor", ProtobufMarshaller.For(GetProcessBundleDescriptorRequest.Parser), ProtobufMarshaller.For(ProcessBundleDescriptor.Parser));
    }

    /// <summary>Base class of <c>BeamFnControl</c> implementations: every method answers UNIMPLEMENTED until overridden.</summary>
    public abstract class BeamFnControlBase
    {
        /// <summary>Handles <c>Control</c>.</summary>
        /// <param name="requestStream">The request stream.</param>
        /// <param name="responseStream">The response stream.</param>
        /// <param name="context">The call context.</param>
        /// <returns>Completes when the response stream is done.</returns>
        public virtual Task Control(IAsyncStreamReader<InstructionResponse> requestStream, IServerStreamWriter<InstructionRequest> responseStream, ServerCallContext context) => throw Unimplemented("Control");

        /// <summary>Handles <c>GetProcessBundleDescriptor</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="context">The call context.</param>
        /// <returns>The response.</returns>
        public virtual Task<ProcessBundleDescriptor> GetProcessBundleDescriptor(GetProcessBundleDescriptorRequest request, ServerCallContext context) => throw Unimplemented("GetProcessBundleDescriptor");

        private static RpcException Unimplemented(string method) =>
            new(new Status(StatusCode.Unimplemented, $"Method /org.apache.beam.model.fn_execution.v1.BeamFnControl/{method} is not implemented by this server."));
    }

    /// <summary>Client of <c>BeamFnControl</c> over a <see cref="CallInvoker"/> (e.g. <c>GrpcChannel.CreateCallInvoker()</c>).</summary>
    public sealed class BeamFnControlClient
    {
        private readonly CallInvoker _invoker;

        /// <summary>Creates a client.</summary>
        /// <param name="callInvoker">The invoker of the channel to the service.</param>
        public BeamFnControlClient(CallInvoker callInvoker) => _invoker = callInvoker ?? throw new ArgumentNullException(nameof(callInvoker));

        /// <summary>Calls <c>Control</c>; the request stream is writable at once.</summary>
        /// <param name="options">Headers, deadline, cancellation.</param>
        /// <returns>The call, with both streams.</returns>
        public AsyncDuplexStreamingCall<InstructionResponse, InstructionRequest> Control(CallOptions options = default) =>
            _invoker.AsyncDuplexStreamingCall(Methods.Control, null, options);

        /// <summary>Calls <c>GetProcessBundleDescriptor</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="options">Headers, deadline, cancellation.</param>
        /// <returns>The call; await it for the response (<see cref="RpcException"/> on a non-OK status).</returns>
        public AsyncUnaryCall<ProcessBundleDescriptor> GetProcessBundleDescriptorAsync(GetProcessBundleDescriptorRequest request, CallOptions options = default) =>
            _invoker.AsyncUnaryCall(Methods.GetProcessBundleDescriptor, null, options, request);
    }
}
