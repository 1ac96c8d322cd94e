using BeamConformance.Protos;
using BeamConformance.Transport;

namespace Org.Apache.Beam.Model.FnExecution.V1;

/// <summary>
/// Typed binding of the gRPC service <c>org.apache.beam.model.fn_execution.v1.BeamFnData</c> (org/apache/beam/model/fn_execution/v1/beam_fn_api.proto): each method declared once, a base class
/// for implementations, <see cref="BindService"/> and a client. Only this binding layer knows the transport.
/// </summary>
public static class BeamFnData
{
    /// <summary>The fully qualified service name.</summary>
    public const string ServiceName = "org.apache.beam.model.fn_execution.v1.BeamFnData";

    /// <summary>Registers <paramref name="implementation"/> for every method of <c>BeamFnData</c> on <paramref name="binder"/> (e.g. a <see cref="GrpcServer"/>).</summary>
    /// <param name="binder">The server or binder.</param>
    /// <param name="implementation">The service implementation.</param>
    public static void BindService(ServiceBinderBase binder, BeamFnDataBase implementation)
    {
        ArgumentNullException.ThrowIfNull(binder);
        ArgumentNullException.ThrowIfNull(implementation);
        binder.AddMethod(Methods.Data, new DuplexStreamingServerMethod<Elements, Elements>(implementation.Data));
    }

    /// <summary>The methods of <c>BeamFnData</c>: path, shape and protobuf marshallers.</summary>
    public static class Methods
    {
        /// <summary><c>/org.apache.beam.model.fn_execution.v1.BeamFnData/Data</c>: DuplexStreaming, a stream of <see cref="Elements"/> in, a stream of <see cref="Elements"/> out.</summary>
        public static readonly Method<Elements, Elements> Data = new(
            MethodType.DuplexStreaming, ServiceName, "Data", ProtobufMarshaller.For(Elements.Parser), ProtobufMarshaller.For(Elements.Parser));
    }

    /// <summary>Base class of <c>BeamFnData</c> implementations: every method answers UNIMPLEMENTED until overridden.</summary>
    public abstract class BeamFnDataBase
    {
        /// <summary>Handles <c>Data</c>.</summary>
        /// <param name="requestStream">The request stream.</param>
        /// <param name="responseStream">The response stream.</param>
        /// <param name="context">The call context.</param>
        /// <returns>Completes when the response stream is done.</returns>
        public virtual Task Data(IAsyncStreamReader<Elements> requestStream, IServerStreamWriter<Elements> responseStream, ServerCallContext context) => throw Unimplemented("Data");

        private static RpcException Unimplemented(string method) =>
            new(new Status(StatusCode.Unimplemented, $"Method /org.apache.beam.model.fn_execution.v1.BeamFnData/{method} is not implemented by this server."));
    }

    /// <summary>Client of <c>BeamFnData</c> over a <see cref="CallInvoker"/> (e.g. <c>GrpcChannel.CreateCallInvoker()</c>).</summary>
    public sealed class BeamFnDataClient
    {
        private readonly CallInvoker _invoker;

        /// <summary>Creates a client.</summary>
        /// <param name="callInvoker">The invoker of the channel to the service.</param>
        public BeamFnDataClient(CallInvoker callInvoker) => _invoker = callInvoker ?? throw new ArgumentNullException(nameof(callInvoker));

        /// <summary>Calls <c>Data</c>; the request stream is writable at once.</summary>
        /// <param name="options">Headers, deadline, cancellation.</param>
        /// <returns>The call, with both streams.</returns>
        public AsyncDuplexStreamingCall<Elements, Elements> Data(CallOptions options = default) =>
            _invoker.AsyncDuplexStreamingCall(Methods.Data, null, options);
    }
}
