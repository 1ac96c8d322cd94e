using BeamConformance.Protos;
using BeamConformance.Transport;

namespace Org.Apache.Beam.Model.JobManagement.V1;

/// <summary>
/// Typed binding of the gRPC service <c>org.apache.beam.model.job_management.v1.LegacyArtifactRetrievalService</c> (org/apache/beam/model/job_management/v1/beam_artifact_api.proto): each method declared once, a base class
/// for implementations, <see cref="BindService"/> and a client. Only this binding layer knows the transport.
/// </summary>
public static class LegacyArtifactRetrievalService
{
    /// <summary>The fully qualified service name.</summary>
    public const string ServiceName = "org.apache.beam.model.job_management.v1.LegacyArtifactRetrievalService";

    /// <summary>Registers <paramref name="implementation"/> for every method of <c>LegacyArtifactRetrievalService</c> on <paramref name="binder"/> (e.g. a <see cref="GrpcServer"/>).</summary>
    /// <param name="binder">The server or binder.</param>
    /// <param name="implementation">The service implementation.</param>
    public static void BindService(ServiceBinderBase binder, LegacyArtifactRetrievalServiceBase implementation)
    {
        ArgumentNullException.ThrowIfNull(binder);
        ArgumentNullException.ThrowIfNull(implementation);
        binder.AddMethod(Methods.GetManifest, new UnaryServerMethod<GetManifestRequest, GetManifestResponse>(implementation.GetManifest));
        binder.AddMethod(Methods.GetArtifact, new ServerStreamingServerMethod<LegacyGetArtifactRequest, ArtifactChunk>(implementation.GetArtifact));
    }

    /// <summary>The methods of <c>LegacyArtifactRetrievalService</c>: path, shape and protobuf marshallers.</summary>
    public static class Methods
    {
        /// <summary><c>/org.apache.beam.model.job_management.v1.LegacyArtifactRetrievalService/GetManifest</c>: Unary, <see cref="GetManifestRequest"/> in, <see cref="GetManifestResponse"/> out.</summary>
        public static readonly Method<GetManifestRequest, GetManifestResponse> GetManifest = new(
            MethodType.Unary, ServiceName, "GetManifest", ProtobufMarshaller.For(GetManifestRequest.Parser), ProtobufMarshaller.For(GetManifestResponse.Parser));

        /// <summary><c>/org.apache.beam.model.job_management.v1.LegacyArtifactRetrievalService/GetArtifact</c>: ServerStreaming, <see cref="LegacyGetArtifactRequest"/> in, a stream of <see cref="ArtifactChunk"/> out.</summary>
        public static readonly Method<LegacyGetArtifactRequest, ArtifactChunk> GetArtifact = new(
            MethodType.ServerStreaming, ServiceName, "GetArtifact", ProtobufMarshaller.For(LegacyGetArtifactRequest.Parser), ProtobufMarshaller.For(ArtifactChunk.Parser));
    }

    /// <summary>Base class of <c>LegacyArtifactRetrievalService</c> implementations: every method answers UNIMPLEMENTED until overridden.</summary>
    public abstract class LegacyArtifactRetrievalServiceBase
    {
        /// <summary>Handles <c>GetManifest</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="context">The call context.</param>
        /// <returns>The response.</returns>
        public virtual Task<GetManifestResponse> GetManifest(GetManifestRequest request, ServerCallContext context) => throw Unimplemented("GetManifest");

        /// <summary>Handles <c>GetArtifact</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="responseStream">The response stream.</param>
        /// <param name="context">The call context.</param>
        /// <returns>Completes when the response stream is done.</returns>
        public virtual Task GetArtifact(LegacyGetArtifactRequest request, IServerStreamWriter<ArtifactChunk> responseStream, ServerCallContext context) => throw Unimplemented("GetArtifact");

        private static RpcException Unimplemented(string method) =>
            new(new Status(StatusCode.Unimplemented, $"Method /org.apache.beam.model.job_management.v1.LegacyArtifactRetrievalService/{method} is not implemented by this server."));
    }

    /// <summary>Client of <c>LegacyArtifactRetrievalService</c> over a <see cref="CallInvoker"/> (e.g. <c>GrpcChannel.CreateCallInvoker()</c>).</summary>
    public sealed class LegacyArtifactRetrievalServiceClient
    {
        private readonly CallInvoker _invoker;

        /// <summary>Creates a client.</summary>
        /// <param name="callInvoker">The invoker of the channel to the service.</param>
        public LegacyArtifactRetrievalServiceClient(CallInvoker callInvoker) => _invoker = callInvoker ?? throw new ArgumentNullException(nameof(callInvoker));

        /// <summary>Calls <c>GetManifest</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="options">Headers, deadline, cancellation.</param>
        /// <returns>The call; await it for the response (<see cref="RpcException"/> on a non-OK status).</returns>
        public AsyncUnaryCall<GetManifestResponse> GetManifestAsync(GetManifestRequest request, CallOptions options = default) =>
            _invoker.AsyncUnaryCall(Methods.GetManifest, null, options, request);

        /// <summary>Calls <c>GetArtifact</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="options">Headers, deadline, cancellation.</param>
        /// <returns>The call, with its response stream.</returns>
        public AsyncServerStreamingCall<ArtifactChunk> GetArtifact(LegacyGetArtifactRequest request, CallOptions options = default) =>
            _invoker.AsyncServerStreamingCall(Methods.GetArtifact, null, options, request);
    }
}
