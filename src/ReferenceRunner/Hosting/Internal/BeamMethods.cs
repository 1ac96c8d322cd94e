using Google.Protobuf;
using BeamConformance.Transport;
using Org.Apache.Beam.Model.FnExecution.V1;
using Org.Apache.Beam.Model.JobManagement.V1;

namespace BeamConformance.ReferenceRunner.Hosting.Internal;

/// <summary>
/// The gRPC methods the job side serves and calls (JobService, ArtifactStagingService,
/// ArtifactRetrievalService, ProvisionService, BeamFnExternalWorkerPool), declared in one place until
/// the typed bindings of src/Protos/Services cover them. Service names are the proto packages' full names.
/// </summary>
internal static class BeamMethods
{
    private const string JobServiceName = "org.apache.beam.model.job_management.v1.JobService";
    private const string StagingServiceName = "org.apache.beam.model.job_management.v1.ArtifactStagingService";
    private const string RetrievalServiceName = "org.apache.beam.model.job_management.v1.ArtifactRetrievalService";
    private const string ProvisionServiceName = "org.apache.beam.model.fn_execution.v1.ProvisionService";
    private const string WorkerPoolServiceName = "org.apache.beam.model.fn_execution.v1.BeamFnExternalWorkerPool";

    public static readonly Method<PrepareJobRequest, PrepareJobResponse> Prepare = Unary<PrepareJobRequest, PrepareJobResponse>(JobServiceName, "Prepare");
    public static readonly Method<RunJobRequest, RunJobResponse> Run = Unary<RunJobRequest, RunJobResponse>(JobServiceName, "Run");
    public static readonly Method<GetJobsRequest, GetJobsResponse> GetJobs = Unary<GetJobsRequest, GetJobsResponse>(JobServiceName, "GetJobs");
    public static readonly Method<GetJobStateRequest, JobStateEvent> GetState = Unary<GetJobStateRequest, JobStateEvent>(JobServiceName, "GetState");
    public static readonly Method<GetJobPipelineRequest, GetJobPipelineResponse> GetPipeline = Unary<GetJobPipelineRequest, GetJobPipelineResponse>(JobServiceName, "GetPipeline");
    public static readonly Method<CancelJobRequest, CancelJobResponse> Cancel = Unary<CancelJobRequest, CancelJobResponse>(JobServiceName, "Cancel");
    public static readonly Method<GetJobStateRequest, JobStateEvent> GetStateStream = ServerStreaming<GetJobStateRequest, JobStateEvent>(JobServiceName, "GetStateStream");
    public static readonly Method<JobMessagesRequest, JobMessagesResponse> GetMessageStream = ServerStreaming<JobMessagesRequest, JobMessagesResponse>(JobServiceName, "GetMessageStream");
    public static readonly Method<GetJobMetricsRequest, GetJobMetricsResponse> GetJobMetrics = Unary<GetJobMetricsRequest, GetJobMetricsResponse>(JobServiceName, "GetJobMetrics");
    public static readonly Method<DescribePipelineOptionsRequest, DescribePipelineOptionsResponse> DescribePipelineOptions =
        Unary<DescribePipelineOptionsRequest, DescribePipelineOptionsResponse>(JobServiceName, "DescribePipelineOptions");

    public static readonly Method<ArtifactResponseWrapper, ArtifactRequestWrapper> ReverseArtifactRetrievalService =
        new(MethodType.DuplexStreaming, StagingServiceName, "ReverseArtifactRetrievalService", Marshal(ArtifactResponseWrapper.Parser), Marshal(ArtifactRequestWrapper.Parser));

    public static readonly Method<ResolveArtifactsRequest, ResolveArtifactsResponse> ResolveArtifacts = Unary<ResolveArtifactsRequest, ResolveArtifactsResponse>(RetrievalServiceName, "ResolveArtifacts");
    public static readonly Method<GetArtifactRequest, GetArtifactResponse> GetArtifact = ServerStreaming<GetArtifactRequest, GetArtifactResponse>(RetrievalServiceName, "GetArtifact");

    public static readonly Method<GetProvisionInfoRequest, GetProvisionInfoResponse> GetProvisionInfo = Unary<GetProvisionInfoRequest, GetProvisionInfoResponse>(ProvisionServiceName, "GetProvisionInfo");

    public static readonly Method<StartWorkerRequest, StartWorkerResponse> StartWorker = Unary<StartWorkerRequest, StartWorkerResponse>(WorkerPoolServiceName, "StartWorker");
    public static readonly Method<StopWorkerRequest, StopWorkerResponse> StopWorker = Unary<StopWorkerRequest, StopWorkerResponse>(WorkerPoolServiceName, "StopWorker");

    private static Method<TRequest, TResponse> Unary<TRequest, TResponse>(string service, string name)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        new(MethodType.Unary, service, name, Marshal(new MessageParser<TRequest>(() => new TRequest())), Marshal(new MessageParser<TResponse>(() => new TResponse())));

    private static Method<TRequest, TResponse> ServerStreaming<TRequest, TResponse>(string service, string name)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        new(MethodType.ServerStreaming, service, name, Marshal(new MessageParser<TRequest>(() => new TRequest())), Marshal(new MessageParser<TResponse>(() => new TResponse())));

    private static Marshaller<T> Marshal<T>(MessageParser<T> parser)
        where T : IMessage<T> =>
        Marshallers.Create<T>(static (message, writer) => message.WriteTo(writer), payload => parser.ParseFrom(payload));
}
