using BeamConformance.Protos;
using BeamConformance.Transport;

namespace Org.Apache.Beam.Model.FnExecution.V1;

/// <summary>
/// Typed binding of the gRPC service <c>org.apache.beam.model.fn_execution.v1.BeamFnState</c> (org/apache/beam/model/fn_execution/v1/beam_fn_api.proto): each method declared once, a base class
/// for implementations, <see cref="BindService"/> and a client. Only this binding layer knows the transport.
/// </summary>
public static class BeamFnState
{
    /// <summary>The fully qualified service name.</summary>
    public const string ServiceName = "org.apache.beam.model.fn_execution.v1.BeamFnState";

    /// <summary>Registers <paramref name="implementation"/> for every method of <c>BeamFnState</c> on <paramref name="binder"/> (e.g. a <see cref="GrpcServer"/>).</summary>
    /// <param name="binder">The server or binder.</param>
    /// <param name="implementation">The service implementation.</param>
    public static void BindService(ServiceBinderBase binder, BeamFnStateBase implementation)
    {
        ArgumentNullException.ThrowIfNull(binder);
        ArgumentNullException.ThrowIfNull(implementation);
        binder.AddMethod(Methods.State, new DuplexStreamingServerMethod<StateRequest, StateResponse>(implementation.State));
    }

    /// <summary>The methods of <c>BeamFnState</c>: path, shape and protobuf marshallers.</summary>
    public static class Methods
    {
        /// <summary><c>/org.apache.beam.model.fn_execution.v1.BeamFnState/State</c>: DuplexStreaming, a stream of <see cref="StateRequest"/> in, a stream of <see cref="StateResponse"/> out.</summary>
        public static readonly Method<StateRequest, StateResponse> State = new(
            MethodType.DuplexStreaming, ServiceName, "State", ProtobufMarshaller.For(StateRequest.Parser), ProtobufMarshaller.For(StateResponse.Parser));
    }

    /// <summary>Base class of <c>BeamFnState</c> implementations: every method answers UNIMPLEMENTED until overridden.</summary>
    public abstract class BeamFnStateBase
    {
        /// <summary>Handles <c>State</c>.</summary>
        /// <param name="requestStream">The request stream.</param>
        /// <param name="responseStream">The response stream.</param>
        /// <param name="context">The call context.</param>
        /// <returns>Completes when the response stream is done.</returns>
        public virtual Task State(IAsyncStreamReader<StateRequest> requestStream, IServerStreamWriter<StateResponse> responseStream, ServerCallContext context) => throw Unimplemented("State");

        private static RpcException Unimplemented(string method) =>
            new(new Status(StatusCode.Unimplemented, $"Method /org.apache.beam.model.fn_execution.v1.BeamFnState/{method} is not implemented by this server."));
    }

    /// <summary>Client of <c>BeamFnState</c> over a <see cref="CallInvoker"/> (e.g. <c>GrpcChannel.CreateCallInvoker()</c>).</summary>
    public sealed class BeamFnStateClient
    {
        private readonly CallInvoker _invoker;

        /// <summary>Creates a client.</summary>
        /// <param name="callInvoker">The invoker of the channel to the service.</param>
        public BeamFnStateClient(CallInvoker callInvoker) => _invoker = callInvoker ?? throw new ArgumentNullException(nameof(callInvoker));

        /// <summary>Calls <c>State</c>; the request stream is writable at once.</summary>
        /// <param name="options">Headers, deadline, cancellation.</param>
        /// <returns>The call, with both streams.</returns>
        public AsyncDuplexStreamingCall<StateRequest, StateResponse> State(CallOptions options = default) =>
            _invoker.AsyncDuplexStreamingCall(Methods.State, null, options);
    }
}
