using BeamConformance.Protos;
using BeamConformance.Transport;

namespace Org.Apache.Beam.Model.FnExecution.V1;

/// <summary>
/// Typed binding of the gRPC service <c>org.apache.beam.model.fn_execution.v1.BeamFnLogging</c> (org/apache/beam/model/fn_execution/v1/beam_fn_api.proto): each method declared once, a base class
/// for implementations, <see cref="BindService"/> and a client. Only this binding layer knows the transport.
/// </summary>
public static class BeamFnLogging
{
    /// <summary>The fully qualified service name.</summary>
    public const string ServiceName = "org.apache.beam.model.fn_execution.v1.BeamFnLogging";

    /// <summary>Registers <paramref name="implementation"/> for every method of <c>BeamFnLogging</c> on <paramref name="binder"/> (e.g. a <see cref="GrpcServer"/>).</summary>
    /// <param name="binder">The server or binder.</param>
    /// <param name="implementation">The service implementation.</param>
    public static void BindService(ServiceBinderBase binder, BeamFnLoggingBase implementation)
    {
        ArgumentNullException.ThrowIfNull(binder);
        ArgumentNullException.ThrowIfNull(implementation);
        binder.AddMethod(Methods.Logging, new DuplexStreamingServerMethod<LogEntry.Types.List, LogControl>(implementation.Logging));
    }

    /// <summary>The methods of <c>BeamFnLogging</c>: path, shape and protobuf marshallers.</summary>
    public static class Methods
    {
        /// <summary><c>/org.apache.beam.model.fn_execution.v1.BeamFnLogging/Logging</c>: DuplexStreaming, a stream of <see cref="LogEntry.Types.List"/> in, a stream of <see cref="LogControl"/> out.</summary>
        public static readonly Method<LogEntry.Types.List, LogControl> Logging = new(
            MethodType.DuplexStreaming, ServiceName, "Logging", ProtobufMarshaller.For(LogEntry.Types.List.Parser), ProtobufMarshaller.For(LogControl.Parser));
    }

    /// <summary>Base class of <c>BeamFnLogging</c> implementations: every method answers UNIMPLEMENTED until overridden.</summary>
    public abstract class BeamFnLoggingBase
    {
        /// <summary>Handles <c>Logging</c>.</summary>
        /// <param name="requestStream">The request stream.</param>
        /// <param name="responseStream">The response stream.</param>
        /// <param name="context">The call context.</param>
        /// <returns>Completes when the response stream is done.</returns>
        public virtual Task Logging(IAsyncStreamReader<LogEntry.Types.List> requestStream, IServerStreamWriter<LogControl> responseStream, ServerCallContext context) => throw Unimplemented("Logging");

        private static RpcException Unimplemented(string method) =>
            new(new Status(StatusCode.Unimplemented, $"Method /org.apache.beam.model.fn_execution.v1.BeamFnLogging/{method} is not implemented by this server."));
    }

    /// <summary>Client of <c>BeamFnLogging</c> over a <see cref="CallInvoker"/> (e.g. <c>GrpcChannel.CreateCallInvoker()</c>).</summary>
    public sealed class BeamFnLoggingClient
    {
        private readonly CallInvoker _invoker;

        /// <summary>Creates a client.</summary>
        /// <param name="callInvoker">The invoker of the channel to the service.</param>
        public BeamFnLoggingClient(CallInvoker callInvoker) => _invoker = callInvoker ?? throw new ArgumentNullException(nameof(callInvoker));

        /// <summary>Calls <c>Logging</c>; the request stream is writable at once.</summary>
        /// <param name="options">Headers, deadline, cancellation.</param>
        /// <returns>The call, with both streams.</returns>
        public AsyncDuplexStreamingCall<LogEntry.Types.List, LogControl> Logging(CallOptions options = default) =>
            _invoker.AsyncDuplexStreamingCall(Methods.Logging, null, options);
    }
}
