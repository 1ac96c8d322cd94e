using BeamConformance.Protos;
using BeamConformance.Transport;

namespace Org.Apache.Beam.Model.JobManagement.V1;

/// <summary>
/// Typed binding of the gRPC service <c>org.apache.beam.model.job_management.v1.LegacyArtifactStagingService</c> (org/apache/beam/model/job_management/v1/beam_artifact_api.proto): each method declared once, a base class
/// for implementations, <see cref="BindService"/> and a client. Only this binding layer knows the transport.
/// </summary>
public static class LegacyArtifactStagingService
{
    /// <summary>The fully qualified service name.</summary>
    public const string ServiceName = "org.apache.beam.model.job_management.v1.LegacyArtifactStagingService";

    /// <summary>Registers <paramref name="implementation"/> for every method of <c>LegacyArtifactStagingService</c> on <paramref name="binder"/> (e.g. a <see cref="GrpcServer"/>).</summary>
    /// <param name="binder">The server or binder.</param>
    /// <param name="implementation">The service implementation.</param>
    public static void BindService(ServiceBinderBase binder, LegacyArtifactStagingServiceBase implementation)
    {
        ArgumentNullException.ThrowIfNull(binder);
        ArgumentNullException.ThrowIfNull(implementation);
        binder.AddMethod(Methods.PutArtifact, new ClientStreamingServerMethod<PutArtifactRequest, PutArtifactResponse>(implementation.PutArtifact));
        binder.AddMethod(Methods.CommitManifest, new UnaryServerMethod<CommitManifestRequest, CommitManifestResponse>(implementation.CommitManifest));
    }

    /// <summary>The methods of <c>LegacyArtifactStagingService</c>: path, shape and protobuf marshallers.</summary>
    public static class Methods
    {
        /// <summary><c>/org.apache.beam.model.job_management.v1.LegacyArtifactStagingService/PutArtifact</c>: ClientStreaming, a stream of <see cref="PutArtifactRequest"/> in, <see cref="PutArtifactResponse"/> out.</summary>
        public static readonly Method<PutArtifactRequest, PutArtifactResponse> PutArtifact = new(
            MethodType.ClientStreaming, ServiceName, "PutArtifact", ProtobufMarshaller.For(PutArtifactRequest.Parser), ProtobufMarshaller.For(PutArtifactResponse.Parser));

        /// <summary><c>/org.apache.beam.model.job_management.v1.LegacyArtifactStagingService/CommitManifest</c>: Unary, <see cref="CommitManifestRequest"/> in, <see cref="CommitManifestResponse"/> out.</summary>
        public static readonly Method<CommitManifestRequest, CommitManifestResponse> CommitManifest = new(
            MethodType.Unary, ServiceName, "CommitManifest", ProtobufMarshaller.For(CommitManifestRequest.Parser), ProtobufMarshaller.For(CommitManifestResponse.Parser));
    }

    /// <summary>Base class of <c>LegacyArtifactStagingService</c> implementations: every method answers UNIMPLEMENTED until overridden.</summary>
    public abstract class LegacyArtifactStagingServiceBase
    {
        /// <summary>Handles <c>PutArtifact</c>.</summary>
        /// <param name="requestStream">The request stream.</param>
        /// <param name="context">The call context.</param>
        /// <returns>The response.</returns>
        public virtual Task<PutArtifactResponse> PutArtifact(IAsyncStreamReader<PutArtifactRequest> requestStream, ServerCallContext context) => throw Unimplemented("PutArtifact");

        /// <summary>Handles <c>CommitManifest</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="context">The call context.</param>
        /// <returns>The response.</returns>
        public virtual Task<CommitManifestResponse> CommitManifest(CommitManifestRequest request, ServerCallContext context) => throw Unimplemented("CommitManifest");

        private static RpcException Unimplemented(string method) =>
            new(new Status(StatusCode.Unimplemented, $"Method /org.apache.beam.model.job_management.v1.LegacyArtifactStagingService/{method} is not implemented by this server."));
    }

    /// <summary>Client of <c>LegacyArtifactStagingService</c> over a <see cref="CallInvoker"/> (e.g. <c>GrpcChannel.CreateCallInvoker()</c>).</summary>
    public sealed class LegacyArtifactStagingServiceClient
    {
        private readonly CallInvoker _invoker;

        /// <summary>Creates a client.</summary>
        /// <param name="callInvoker">The invoker of the channel to the service.</param>
        public LegacyArtifactStagingServiceClient(CallInvoker callInvoker) => _invoker = callInvoker ?? throw new ArgumentNullException(nameof(callInvoker));

        /// <summary>Calls <c>PutArtifact</c>.</summary>
        /// <param name="options">Headers, deadline, cancellation.</param>
        /// <returns>The call, with its request stream and response.</returns>
        public AsyncClientStreamingCall<PutArtifactRequest, PutArtifactResponse> PutArtifact(CallOptions options = default) =>
            _invoker.AsyncClientStreamingCall(Methods.PutArtifact, null, options);

        /// <summary>Calls <c>CommitManifest</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="options">Headers, deadline, cancellation.</param>
        /// <returns>The call; await it for the response (<see cref="RpcException"/> on a non-OK status).</returns>
        public AsyncUnaryCall<CommitManifestResponse> CommitManifestAsync(CommitManifestRequest request, CallOptions options = default) =>
            _invoker.AsyncUnaryCall(Methods.CommitManifest, null, options, request);
    }
}
