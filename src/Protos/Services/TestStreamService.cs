using BeamConformance.Protos;
using BeamConformance.Transport;

namespace Org.Apache.Beam.Model.Pipeline.V1;

/// <summary>
/// Typed binding of the gRPC service <c>org.apache.beam.model.pipeline.v1.TestStreamService</c> (org/apache/beam/model/pipeline/v1/beam_runner_api.proto): each method declared once, a base class
/// for implementations, <see cref="BindService"/> and a client. Only this binding layer knows the transport.
/// </summary>
public static class TestStreamService
{
    /// <summary>The fully qualified service name.</summary>
    public const string ServiceName = "org.apache.beam.model.pipeline.v1.TestStreamService";

    /// <summary>Registers <paramref name="implementation"/> for every method of <c>TestStreamService</c> on <paramref name="binder"/> (e.g. a <see cref="GrpcServer"/>).</summary>
    /// <param name="binder">The server or binder.</param>
    /// <param name="implementation">The service implementation.</param>
    public static void BindService(ServiceBinderBase binder, TestStreamServiceBase implementation)
    {
        ArgumentNullException.ThrowIfNull(binder);
        ArgumentNullException.ThrowIfNull(implementation);
        binder.AddMethod(Methods.Events, new ServerStreamingServerMethod<EventsRequest, TestStreamPayload.Types.Event>(implementation.Events));
    }

    /// <summary>The methods of <c>TestStreamService</c>: path, shape and protobuf marshallers.</summary>
    public static class Methods
    {
        /// <summary><c>/org.apache.beam.model.pipeline.v1.TestStreamService/Events</c>: ServerStreaming, <see cref="EventsRequest"/> in, a stream of <see cref="TestStreamPayload.Types.Event"/> out.</summary>
        public static readonly Method<EventsRequest, TestStreamPayload.Types.Event> Events = new(
            MethodType.ServerStreaming, ServiceName, "Events", ProtobufMarshaller.For(EventsRequest.Parser), ProtobufMarshaller.For(TestStreamPayload.Types.Event.Parser));
    }

    /// <summary>Base class of <c>TestStreamService</c> implementations: every method answers UNIMPLEMENTED until overridden.</summary>
    public abstract class TestStreamServiceBase
    {
        /// <summary>Handles <c>Events</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="responseStream">The response stream.</param>
        /// <param name="context">The call context.</param>
        /// <returns>Completes when the response stream is done.</returns>
        public virtual Task Events(EventsRequest request, IServerStreamWriter<TestStreamPayload.Types.Event> responseStream, ServerCallContext context) => throw Unimplemented("Events");

        private static RpcException Unimplemented(string method) =>
            new(new Status(StatusCode.Unimplemented, $"Method /org.apache.beam.model.pipeline.v1.TestStreamService/{method} is not implemented by this server."));
    }

    /// <summary>Client of <c>TestStreamService</c> over a <see cref="CallInvoker"/> (e.g. <c>GrpcChannel.CreateCallInvoker()</c>).</summary>
    public sealed class TestStreamServiceClient
    {
        private readonly CallInvoker _invoker;

        /// <summary>Creates a client.</summary>
        /// <param name="callInvoker">The invoker of the channel to the service.</param>
        public TestStreamServiceClient(CallInvoker callInvoker) => _invoker = callInvoker ?? throw new ArgumentNullException(nameof(callInvoker));

        /// <summary>Calls <c>Events</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="options">Headers, deadline, cancellation.</param>
        /// <returns>The call, with its response stream.</returns>
        public AsyncServerStreamingCall<TestStreamPayload.Types.Event> Events(EventsRequest request, CallOptions options = default) =>
            _invoker.AsyncServerStreamingCall(Methods.Events, null, options, request);
    }
}
