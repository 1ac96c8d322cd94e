using BeamConformance.Protos;
using BeamConformance.Transport;

namespace Org.Apache.Beam.Model.JobManagement.V1;

/// <summary>
/// Typed binding of the gRPC service <c>org.apache.beam.model.job_management.v1.JobService</c> (org/apache/beam/model/job_management/v1/beam_job_api.proto): each method declared once, a base class
/// for implementations, <see cref="BindService"/> and a client. Only this binding layer knows the transport.
/// </summary>
public static class JobService
{
    /// <summary>The fully qualified service name.</summary>
    public const string ServiceName = "org.apache.beam.model.job_management.v1.JobService";

    /// <summary>Registers <paramref name="implementation"/> for every method of <c>JobService</c> on <paramref name="binder"/> (e.g. a <see cref="GrpcServer"/>).</summary>
    /// <param name="binder">The server or binder.</param>
    /// <param name="implementation">The service implementation.</param>
    public static void BindService(ServiceBinderBase binder, JobServiceBase implementation)
    {
        ArgumentNullException.ThrowIfNull(binder);
        ArgumentNullException.ThrowIfNull(implementation);
        binder.AddMethod(Methods.Prepare, new UnaryServerMethod<PrepareJobRequest, PrepareJobResponse>(implementation.Prepare));
        binder.AddMethod(Methods.Run, new UnaryServerMethod<RunJobRequest, RunJobResponse>(implementation.Run));
        binder.AddMethod(Methods.GetJobs, new UnaryServerMethod<GetJobsRequest, GetJobsResponse>(implementation.GetJobs));
        binder.AddMethod(Methods.GetState, new UnaryServerMethod<GetJobStateRequest, JobStateEvent>(implementation.GetState));
        binder.AddMethod(Methods.GetPipeline, new UnaryServerMethod<GetJobPipelineRequest, GetJobPipelineResponse>(implementation.GetPipeline));
        binder.AddMethod(Methods.Cancel, new UnaryServerMethod<CancelJobRequest, CancelJobResponse>(implementation.Cancel));
        binder.AddMethod(Methods.Drain, new UnaryServerMethod<DrainJobRequest, DrainJobResponse>(implementation.Drain));
        binder.AddMethod(Methods.GetStateStream, new ServerStreamingServerMethod<GetJobStateRequest, JobStateEvent>(implementation.GetStateStream));
        binder.AddMethod(Methods.GetMessageStream, new ServerStreamingServerMethod<JobMessagesRequest, JobMessagesResponse>(implementation.GetMessageStream));
        binder.AddMethod(Methods.GetJobMetrics, new UnaryServerMethod<GetJobMetricsRequest, GetJobMetricsResponse>(implementation.GetJobMetrics));
        binder.AddMethod(Methods.DescribePipelineOptions, new UnaryServerMethod<DescribePipelineOptionsRequest, DescribePipelineOptionsResponse>(implementation.DescribePipelineOptions));
    }

    /// <summary>The methods of <c>JobService</c>: path, shape and protobuf marshallers.</summary>
    public static class Methods
    {
        /// <summary><c>/org.apache.beam.model.job_management.v1.JobService/Prepare</c>: Unary, <see cref="PrepareJobRequest"/> in, <see cref="PrepareJobResponse"/> out.</summary>
        public static readonly Method<PrepareJobRequest, PrepareJobResponse> Prepare = new(
            MethodType.Unary, ServiceName, "Prepare", ProtobufMarshaller.For(PrepareJobRequest.Parser), ProtobufMarshaller.For(PrepareJobResponse.Parser));

        /// <summary><c>/org.apache.beam.model.job_management.v1.JobService/Run</c>: Unary, <see cref="RunJobRequest"/> in, <see cref="RunJobResponse"/> out.</summary>
        public static readonly Method<RunJobRequest, RunJobResponse> Run = new(
            MethodType.Unary, ServiceName, "Run", ProtobufMarshaller.For(RunJobRequest.Parser), ProtobufMarshaller.For(RunJobResponse.Parser));

        /// <summary><c>/org.apache.beam.model.job_management.v1.JobService/GetJobs</c>: Unary, <see cref="GetJobsRequest"/> in, <see cref="GetJobsResponse"/> out.</summary>
        public static readonly Method<GetJobsRequest, GetJobsResponse> GetJobs = new(
            MethodType.Unary, ServiceName, "GetJobs", ProtobufMarshaller.For(GetJobsRequest.Parser), ProtobufMarshaller.For(GetJobsResponse.Parser));

        /// <summary><c>/org.apache.beam.model.job_management.v1.JobService/GetState</c>: Unary, <see cref="GetJobStateRequest"/> in, <see cref="JobStateEvent"/> out.</summary>
        public static readonly Method<GetJobStateRequest, JobStateEvent> GetState = new(
            MethodType.Unary, ServiceName, "GetState", ProtobufMarshaller.For(GetJobStateRequest.Parser), ProtobufMarshaller.For(JobStateEvent.Parser));

        /// <summary><c>/org.apache.beam.model.job_management.v1.JobService/GetPipeline</c>: Unary, <see cref="GetJobPipelineRequest"/> in, <see cref="GetJobPipelineResponse"/> out.</summary>
        public static readonly Method<GetJobPipelineRequest, GetJobPipelineResponse> GetPipeline = new(
            MethodType.Unary, ServiceName, "GetPipeline", ProtobufMarshaller.For(GetJobPipelineRequest.Parser), ProtobufMarshaller.For(GetJobPipelineResponse.Parser));

        /// <summary><c>/org.apache.beam.model.job_management.v1.JobService/Cancel</c>: Unary, <see cref="CancelJobRequest"/> in, <see cref="CancelJobResponse"/> out.</summary>
        public static readonly Method<CancelJobRequest, CancelJobResponse> Cancel = new(
            MethodType.Unary, ServiceName, "Cancel", ProtobufMarshaller.For(CancelJobRequest.Parser), ProtobufMarshaller.For(CancelJobResponse.Parser));

        /// <summary><c>/org.apache.beam.model.job_management.v1.JobService/Drain</c>: Unary, <see cref="DrainJobRequest"/> in, <see cref="DrainJobResponse"/> out.</summary>
        public static readonly Method<DrainJobRequest, DrainJobResponse> Drain = new(
            MethodType.Unary, ServiceName, "Drain", ProtobufMarshaller.For(DrainJobRequest.Parser), ProtobufMarshaller.For(DrainJobResponse.Parser));

        /// <summary><c>/org.apache.beam.model.job_management.v1.JobService/GetStateStream</c>: ServerStreaming, <see cref="GetJobStateRequest"/> in, a stream of <see cref="JobStateEvent"/> out.</summary>
        public static readonly Method<GetJobStateRequest, JobStateEvent> GetStateStream = new(
            MethodType.ServerStreaming, ServiceName, "GetStateStream", ProtobufMarshaller.For(GetJobStateRequest.Parser), ProtobufMarshaller.For(JobStateEvent.Parser));

        /// <summary><c>/org.apache.beam.model.job_management.v1.JobService/GetMessageStream</c>: ServerStreaming, <see cref="JobMessagesRequest"/> in, a stream of <see cref="JobMessagesResponse"/> out.</summary>
        public static readonly Method<JobMessagesRequest, JobMessagesResponse> GetMessageStream = new(
            MethodType.ServerStreaming, ServiceName, "GetMessageStream", ProtobufMarshaller.For(JobMessagesRequest.Parser), ProtobufMarshaller.For(JobMessagesResponse.Parser));

        /// <summary><c>/org.apache.beam.model.job_management.v1.JobService/GetJobMetrics</c>: Unary, <see cref="GetJobMetricsRequest"/> in, <see cref="GetJobMetricsResponse"/> out.</summary>
        public static readonly Method<GetJobMetricsRequest, GetJobMetricsResponse> GetJobMetrics = new(
            MethodType.Unary, ServiceName, "GetJobMetrics", ProtobufMarshaller.For(GetJobMetricsRequest.Parser), ProtobufMarshaller.For(GetJobMetricsResponse.Parser));

        /// <summary><c>/org.apache.beam.model.job_management.v1.JobService/DescribePipelineOptions</c>: Unary, <see cref="DescribePipelineOptionsRequest"/> in, <see cref="DescribePipelineOptionsResponse"/> out.</summary>
        public static readonly Method<DescribePipelineOptionsRequest, DescribePipelineOptionsResponse> DescribePipelineOptions = new(
            MethodType.Unary, ServiceName, "DescribePipelineOptions", ProtobufMarshaller.For(DescribePipelineOptionsRequest.Parser), ProtobufMarshaller.For(DescribePipelineOptionsResponse.Parser));
    }

    /// <summary>Base class of <c>JobService</c> implementations: every method answers UNIMPLEMENTED until overridden.</summary>
    public abstract class JobServiceBase
    {
        /// <summary>Handles <c>Prepare</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="context">The call context.</param>
        /// <returns>The response.</returns>
        public virtual Task<PrepareJobResponse> Prepare(PrepareJobRequest request, ServerCallContext context) => throw Unimplemented("Prepare");

        /// <summary>Handles <c>Run</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="context">The call context.</param>
        /// <returns>The response.</returns>
        public virtual Task<RunJobResponse> Run(RunJobRequest request, ServerCallContext context) => throw Unimplemented("Run");

        /// <summary>Handles <c>GetJobs</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="context">The call context.</param>
        /// <returns>The response.</returns>
        public virtual Task<GetJobsResponse> GetJobs(GetJobsRequest request, ServerCallContext context) => throw Unimplemented("GetJobs");

        /// <summary>Handles <c>GetState</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="context">The call context.</param>
        /// <returns>The response.</returns>
        public virtual Task<JobStateEvent> GetState(GetJobStateRequest request, ServerCallContext context) => throw Unimplemented("GetState");

        /// <summary>Handles <c>GetPipeline</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="context">The call context.</param>
        /// <returns>The response.</returns>
        public virtual Task<GetJobPipelineResponse> GetPipeline(GetJobPipelineRequest request, ServerCallContext context) => throw Unimplemented("GetPipeline");

        /// <summary>Handles <c>Cancel</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="context">The call context.</param>
        /// <returns>The response.</returns>
        public virtual Task<CancelJobResponse> Cancel(CancelJobRequest request, ServerCallContext context) => throw Unimplemented("Cancel");

        /// <summary>Handles <c>Drain</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="context">The call context.</param>
        /// <returns>The response.</returns>
        public virtual Task<DrainJobResponse> Drain(DrainJobRequest request, ServerCallContext context) => throw Unimplemented("Drain");

        /// <summary>Handles <c>GetStateStream</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="responseStream">The response stream.</param>
        /// <param name="context">The call context.</param>
        /// <returns>Completes when the response stream is done.</returns>
        public virtual Task GetStateStream(GetJobStateRequest request, IServerStreamWriter<JobStateEvent> responseStream, ServerCallContext context) => throw Unimplemented("GetStateStream");

        /// <summary>Handles <c>GetMessageStream</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="responseStream">The response stream.</param>
        /// <param name="context">The call context.</param>
        /// <returns>Completes when the response stream is done.</returns>
        public virtual Task GetMessageStream(JobMessagesRequest request, IServerStreamWriter<JobMessagesResponse> responseStream, ServerCallContext context) => throw Unimplemented("GetMessageStream");

        /// <summary>Handles <c>GetJobMetrics</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="context">The call context.</param>
        /// <returns>The response.</returns>
        public virtual Task<GetJobMetricsResponse> GetJobMetrics(GetJobMetricsRequest request, ServerCallContext context) => throw Unimplemented("GetJobMetrics");

        /// <summary>Handles <c>DescribePipelineOptions</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="context">The call context.</param>
        /// <returns>The response.</returns>
        public virtual Task<DescribePipelineOptionsResponse> DescribePipelineOptions(DescribePipelineOptionsRequest request, ServerCallContext context) => throw Unimplemented("DescribePipelineOptions");

        private static RpcException Unimplemented(string method) =>
            new(new Status(StatusCode.Unimplemented, $"Method /org.apache.beam.model.job_management.v1.JobService/{method} is not implemented by this server."));
    }

    /// <summary>Client of <c>JobService</c> over a <see cref="CallInvoker"/> (e.g. <c>GrpcChannel.CreateCallInvoker()</c>).</summary>
    public sealed class JobServiceClient
    {
        private readonly CallInvoker _invoker;

        /// <summary>Creates a client.</summary>
        /// <param name="callInvoker">The invoker of the channel to the service.</param>
        public JobServiceClient(CallInvoker callInvoker) => _invoker = callInvoker ?? throw new ArgumentNullException(nameof(callInvoker));

        /// <summary>Calls <c>Prepare</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="options">Headers, deadline, cancellation.</param>
        /// <returns>The call; await it for the response (<see cref="RpcException"/> on a non-OK status).</returns>
        public AsyncUnaryCall<PrepareJobResponse> PrepareAsync(PrepareJobRequest request, CallOptions options = default) =>
            _invoker.AsyncUnaryCall(Methods.Prepare, null, options, request);

        /// <summary>Calls <c>Run</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="options">Headers, deadline, cancellation.</param>
        /// <returns>The call; await it for the response (<see cref="RpcException"/> on a non-OK status).</returns>
        public AsyncUnaryCall<RunJobResponse> RunAsync(RunJobRequest request, CallOptions options = default) =>
            _invoker.AsyncUnaryCall(Methods.Run, null, options, request);

        /// <summary>Calls <c>GetJobs</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="options">Headers, deadline, cancellation.</param>
        /// <returns>The call; await it for the response (<see cref="RpcException"/> on a non-OK status).</returns>
        public AsyncUnaryCall<GetJobsResponse> GetJobsAsync(GetJobsRequest request, CallOptions options = default) =>
            _invoker.AsyncUnaryCall(Methods.GetJobs, null, options, request);

        /// <summary>Calls <c>GetState</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="options">Headers, deadline, cancellation.</param>
        /// <returns>The call; await it for the response (<see cref="RpcException"/> on a non-OK status).</returns>
        public AsyncUnaryCall<JobStateEvent> GetStateAsync(GetJobStateRequest request, CallOptions options = default) =>
            _invoker.AsyncUnaryCall(Methods.GetState, null, options, request);

        /// <summary>Calls <c>GetPipeline</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="options">Headers, deadline, cancellation.</param>
        /// <returns>The call; await it for the response (<see cref="RpcException"/> on a non-OK status).</returns>
        public AsyncUnaryCall<GetJobPipelineResponse> GetPipelineAsync(GetJobPipelineRequest request, CallOptions options = default) =>
            _invoker.AsyncUnaryCall(Methods.GetPipeline, null, options, request);

        /// <summary>Calls <c>Cancel</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="options">Headers, deadline, cancellation.</param>
        /// <returns>The call; await it for the response (<see cref="RpcException"/> on a non-OK status).</returns>
        public AsyncUnaryCall<CancelJobResponse> CancelAsync(CancelJobRequest request, CallOptions options = default) =>
            _invoker.AsyncUnaryCall(Methods.Cancel, null, options, request);

        /// <summary>Calls <c>Drain</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="options">Headers, deadline, cancellation.</param>
        /// <returns>The call; await it for the response (<see cref="RpcException"/> on a non-OK status).</returns>
        public AsyncUnaryCall<DrainJobResponse> DrainAsync(DrainJobRequest request, CallOptions options = default) =>
            _invoker.AsyncUnaryCall(Methods.Drain, null, options, request);

        /// <summary>Calls <c>GetStateStream</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="options">Headers, deadline, cancellation.</param>
        /// <returns>The call, with its response stream.</returns>
        public AsyncServerStreamingCall<JobStateEvent> GetStateStream(GetJobStateRequest request, CallOptions options = default) =>
            _invoker.AsyncServerStreamingCall(Methods.GetStateStream, null, options, request);

        /// <summary>Calls <c>GetMessageStream</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="options">Headers, deadline, cancellation.</param>
        /// <returns>The call, with its response stream.</returns>
        public AsyncServerStreamingCall<JobMessagesResponse> GetMessageStream(JobMessagesRequest request, CallOptions options = default) =>
            _invoker.AsyncServerStreamingCall(Methods.GetMessageStream, null, options, request);

        /// <summary>Calls <c>GetJobMetrics</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="options">Headers, deadline, cancellation.</param>
        /// <returns>The call; await it for the response (<see cref="RpcException"/> on a non-OK status).</returns>
        public AsyncUnaryCall<GetJobMetricsResponse> GetJobMetricsAsync(GetJobMetricsRequest request, CallOptions options = default) =>
            _invoker.AsyncUnaryCall(Methods.GetJobMetrics, null, options, request);

        /// <summary>Calls <c>DescribePipelineOptions</c>.</summary>
        /// <param name="request">The request.</param>
        /// <param name="options">Headers, deadline, cancellation.</param>
        /// <returns>The call; await it for the response (<see cref="RpcException"/> on a non-OK status).</returns>
        public AsyncUnaryCall<DescribePipelineOptionsResponse> DescribePipelineOptionsAsync(DescribePipelineOptionsRequest request, CallOptions options = default) =>
            _invoker.AsyncUnaryCall(Methods.DescribePipelineOptions, null, options, request);
    }
}
