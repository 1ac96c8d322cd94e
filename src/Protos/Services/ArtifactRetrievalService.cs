using BeamConformance.Protos;
using BeamConformance.Transport;

namespace Org.Apache.Beam.Model.JobManagement.V1;

/// <summary>
/// Typed binding of the gRPC service <c>org.apache.beam.model.job_management.v1.ArtifactRetrievalService</c> (org/apache/beam/model/job_management/v1/beam_artifact_api.proto): each method declared once, a base class
/// for implementations, <see cref="BindService"/> and a client. Only this binding layer knows the transport.
/// </summary>
public static class ArtifactRetrievalService
{
    /// <summary>The fully qualified service name.</summary>
    public const string ServiceName = "org.apache.beam.model.job_management.v1.ArtifactRetrievalService";

    /// <summary>Registers <paramref name="implementation"/> for every method of <c>ArtifactRetrievalService</c> on <paramref name="binder"/> (e.g. a <see cref="GrpcServer"/>).</summary>
    /// <param name="binder">The server or binder.</param>
    /// <param name="implementation">The service implementation.</param>
    public static void BindService(ServiceBinderBase binder, ArtifactRetrievalServiceBase implementation)
    {
        ArgumentNullException.ThrowIfNull(binder);
        ArgumentNullException.ThrowIfNull(implementation);
        binder.AddMethod(Methods.ResolveArtifacts, new UnaryServerMethod<ResolveArtifactsRequest, ResolveArtifactsResponse>(implementation.ResolveArtifacts));
        binder.AddMethod(Methods.GetArtifact, new ServerStreamingServerMethod<GetArtifactRequest, GetArtifactResponse>(implementation.GetArtifact));
    }

    /// <summary>The methods of <c>ArtifactRetrievalService</c>: path, shape and protobuf marshallers.</summary>
    public static class Methods
    {
        /// <summary><c>/org.apache.beam.model.job_management.v1.ArtifactRetrievalService/ResolveArtifacts</c>: Unary, <see cref="ResolveArtifactsRequest"/> in, <see cref="ResolveArtifactsResponse"/> out.</summary>
        public static readonly Method<ResolveArtifactsRequest, ResolveArtifactsResponse> ResolveArtifacts = new(
            MethodType.Unary, ServiceName, "ResolveArtifacts", ProtobufMarshaller.For(ResolveArtifactsRequest.Parser), ProtobufMarshaller.For(ResolveArtifactsResponse.Parser));

        /// <summary><c>/org.apache.beam.model.job_management.v1.ArtifactRetrievalService/GetArtifact</c>: ServerStreaming, <see cref="GetArtifactRequest"/> in, a stream of <see cref="GetArtifactResponse"/> out.</summary>
        public static readonly Method<GetArtifactRequest, GetArtifactResponse> GetArtifact = new(
            MethodType.ServerStreaming, ServiceName, "GetArtifact", ProtobufMarshaller.For(GetArtifactRequest.Parser), ProtobufMarshaller.For(GetArtifactResponse.Parser));
    }

    /// <summary>Base class of <c>ArtifactRetrievalService</c> implementations: every method answers UNIMPLEMENTED until overridden.</summary>
    public abstract class ArtifactRetrievalServiceBase
    {
        /// <summary>Handles <c>ResolveArtifacts</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="context">The call context.</param>
        /// <returns>The response.</returns>
        public virtual Task<ResolveArtifactsResponse> ResolveArtifacts(ResolveArtifactsRequest request, ServerCallContext context) => throw Unimplemented("ResolveArtifacts");

        /// <summary>Handles <c>GetArtifact</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="responseStream">The response stream.</param>
        /// <param name="context">The call context.</param>
        /// <returns>Completes when the response stream is done.</returns>
        public virtual Task GetArtifact(GetArtifactRequest request, IServerStreamWriter<GetArtifactResponse> responseStream, ServerCallContext context) => throw Unimplemented("GetArtifact");

        private static RpcException Unimplemented(string method) =>
            new(new Status(StatusCode.Unimplemented, $"Method /org.apache.beam.model.job_management.v1.ArtifactRetrievalService/{method} is not implemented by this server."));
    }

    /// <summary>Client of <c>ArtifactRetrievalService</c> over a <see cref="CallInvoker"/> (e.g. <c>GrpcChannel.CreateCallInvoker()</c>).</summary>
    public sealed class ArtifactRetrievalServiceClient
    {
        private readonly CallInvoker _invoker;

        /// <summary>Creates a client.</summary>
        /// <param name="callInvoker">The invoker of the channel to the service.</param>
        public ArtifactRetrievalServiceClient(CallInvoker callInvoker) => _invoker = callInvoker ?? throw new ArgumentNullException(nameof(callInvoker));

        /// <summary>Calls <c>ResolveArtifacts</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="options">Headers, deadline, cancellation.</param>
        /// <returns>The call; await it for the response (<see cref="RpcException"/> on a non-OK status).</returns>
        public AsyncUnaryCall<ResolveArtifactsResponse> ResolveArtifactsAsync(ResolveArtifactsRequest request, CallOptions options = default) =>
            _invoker.AsyncUnaryCall(Methods.ResolveArtifacts, null, options, request);

        /// <summary>Calls <c>GetArtifact</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="options">Headers, deadline, cancellation.</param>
        /// <returns>The call, with its response stream.</returns>
        public AsyncServerStreamingCall<GetArtifactResponse> GetArtifact(GetArtifactRequest request, CallOptions options = default) =>
            _invoker.AsyncServerStreamingCall(Methods.GetArtifact, null, options, request);
    }
}
