using BeamConformance.Protos;
using BeamConformance.Transport;

namespace Org.Apache.Beam.Model.JobManagement.V1;

/// <summary>
/// Typed binding of the gRPC service <c>org.apache.beam.model.job_management.v1.ArtifactStagingService</c> (org/apache/beam/model/job_management/v1/beam_artifact_api.proto): each method declared once, a base class
/// for implementations, <see cref="BindService"/> and a client. Only this binding layer knows the transport.
/// </summary>
public static class ArtifactStagingService
{
    /// <summary>The fully qualified service name.</summary>
    public const string ServiceName = "org.apache.beam.model.job_management.v1.ArtifactStagingService";

    /// <summary>Registers <paramref name="implementation"/> for every method of <c>ArtifactStagingService</c> on <paramref name="binder"/> (e.g. a <see cref="GrpcServer"/>).</summary>
    /// <param name="binder">The server or binder.</param>
    /// <param name="implementation">The service implementation.</param>
    public static void BindService(ServiceBinderBase binder, ArtifactStagingServiceBase implementation)
    {
        ArgumentNullException.ThrowIfNull(binder);
        ArgumentNullException.ThrowIfNull(implementation);
        binder.AddMethod(Methods.ReverseArtifactRetrievalService, new DuplexStreamingServerMethod<ArtifactResponseWrapper, ArtifactRequestWrapper>(implementation.ReverseArtifactRetrievalService));
    }

    /// <summary>The methods of <c>ArtifactStagingService</c>: path, shape and protobuf marshallers.</summary>
    public static class Methods
    {
        /// <summary><c>/org.apache.beam.model.job_management.v1.ArtifactStagingService/ReverseArtifactRetrievalService</c>: DuplexStreaming, a stream of <see cref="ArtifactResponseWrapper"/> in, a stream of <see cref="ArtifactRequestWrapper"/> out.</summary>
        public static readonly Method<ArtifactResponseWrapper, ArtifactRequestWrapper> ReverseArtifactRetrievalService = new(
            MethodType.DuplexStreaming, ServiceName, "ReverseArtifactRetrievalService", ProtobufMarshaller.For(ArtifactResponseWrapper.Parser), ProtobufMarshaller.For(ArtifactRequestWrapper.Parser));
    }

    /// <summary>Base class of <c>ArtifactStagingService</c> implementations: every method answers UNIMPLEMENTED until overridden.</summary>
    public abstract class ArtifactStagingServiceBase
    {
        /// <summary>Handles <c>ReverseArtifactRetrievalService</c>.</summary>
        /// <param name="requestStream">The request stream.</param>
        /// <param name="responseStream">The response stream.</param>
        /// <param name="context">The call context.</param>
        /// <returns>Completes when the response stream is done.</returns>
        public virtual Task ReverseArtifactRetrievalService(IAsyncStreamReader<ArtifactResponseWrapper> requestStream, IServerStreamWriter<ArtifactRequestWrapper> responseStream, ServerCallContext context) => throw Unimplemented("ReverseArtifactRetrievalService");

        private static RpcException Unimplemented(string method) =>
            new(new Status(StatusCode.Unimplemented, $"Method /org.apache.beam.model.job_management.v1.ArtifactStagingService/{method} is not implemented by this server."));
    }

    /// <summary>Client of <c>ArtifactStagingService</c> over a <see cref="CallInvoker"/> (e.g. <c>GrpcChannel.CreateCallInvoker()</c>).</summary>
    public sealed class ArtifactStagingServiceClient
    {
        private readonly CallInvoker _invoker;

        /// <summary>Creates a client.</summary>
        /// <param name="callInvoker">The invoker of the channel to the service.</param>
        public ArtifactStagingServiceClient(CallInvoker callInvoker) => _invoker = callInvoker ?? throw new ArgumentNullException(nameof(callInvoker));

        /// <summary>Calls <c>ReverseArtifactRetrievalService</c>; the request stream is writable at once.</summary>
        /// <param name="options">Headers, deadline, cancellation.</param>
        /// <returns>The call, with both streams.</returns>
        public AsyncDuplexStreamingCall<ArtifactResponseWrapper, ArtifactRequestWrapper> ReverseArtifactRetrievalService(CallOptions options = default) =>
            _invoker.AsyncDuplexStreamingCall(Methods.ReverseArtifactRetrievalService, null, options);
    }
}
