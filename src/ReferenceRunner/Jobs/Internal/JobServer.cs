using Google.Protobuf.WellKnownTypes;
using BeamConformance.ReferenceRunner.Execution;
using BeamConformance.ReferenceRunner.Hosting.Internal;
using BeamConformance.ReferenceRunner.Translation;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Org.Apache.Beam.Model.JobManagement.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Jobs.Internal;

/// <summary>
/// JobService of <c>beam_job_api.proto</c>: Prepare, Run, GetJobs, GetState, GetPipeline, Cancel,
/// GetStateStream, GetMessageStream, GetJobMetrics, DescribePipelineOptions (an empty list: the runner has no
/// pipeline options of its own; its settings are command-line flags). Drain is not served
/// (UNIMPLEMENTED: batch jobs only). Status codes: NOT_FOUND for an unknown job or preparation id,
/// INVALID_ARGUMENT for a missing or unsupported pipeline, FAILED_PRECONDITION for Run of a job whose
/// artifacts are not staged or that already ran.
/// </summary>
internal sealed class JobServer : Org.Apache.Beam.Model.JobManagement.V1.JobService.JobServiceBase
{
    private readonly JobStore _jobs;
    private readonly IJobExecutor _executor;
    private readonly Func<JobRecord, IEnvironmentLauncher> _launchers;
    private readonly Func<Pipeline, Google.Protobuf.WellKnownTypes.Struct?, (IReadOnlyList<ValidationProblem> Problems, FusedPipeline? Translation)> _translate;
    private readonly Func<string> _stagingEndpoint;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public JobServer(
        JobStore jobs,
        IJobExecutor executor,
        Func<JobRecord, IEnvironmentLauncher> launchers,
        Func<Pipeline, Google.Protobuf.WellKnownTypes.Struct?, (IReadOnlyList<ValidationProblem> Problems, FusedPipeline? Translation)> translate,
        Func<string> stagingEndpoint,
        ILoggerFactory loggerFactory,
        TimeProvider time)
    {
        _jobs = jobs;
        _executor = executor;
        _launchers = launchers;
        _translate = translate;
        _stagingEndpoint = stagingEndpoint;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("BeamConformance.ReferenceRunner.JobService");
        _time = time;
    }

    /// <summary>Registers every method on <paramref name="binder"/>.</summary>
    public void Bind(ServiceBinderBase binder) => Org.Apache.Beam.Model.JobManagement.V1.JobService.BindService(binder, this);

    public override Task<PrepareJobResponse> Prepare(PrepareJobRequest request, ServerCallContext context) => Task.FromResult(Prepare(request));

    public override Task<RunJobResponse> Run(RunJobRequest request, ServerCallContext context) => Task.FromResult(Run(request));

    public override Task<GetJobsResponse> GetJobs(GetJobsRequest request, ServerCallContext context) => Task.FromResult(GetJobs());

    public override Task<JobStateEvent> GetState(GetJobStateRequest request, ServerCallContext context) =>
        Task.FromResult(_jobs.Get(request.JobId, "GetJobStateRequest.job_id").Events.CurrentStateEvent);

    public override Task<GetJobPipelineResponse> GetPipeline(GetJobPipelineRequest request, ServerCallContext context) =>
        Task.FromResult(new GetJobPipelineResponse { Pipeline = _jobs.Get(request.JobId, "GetJobPipelineRequest.job_id").Pipeline });

    public override Task<CancelJobResponse> Cancel(CancelJobRequest request, ServerCallContext context) => Task.FromResult(Cancel(request));

    public override Task GetStateStream(GetJobStateRequest request, IServerStreamWriter<JobStateEvent> responseStream, ServerCallContext context) =>
        GetStateStreamAsync(request, responseStream, context);

    public override Task GetMessageStream(JobMessagesRequest request, IServerStreamWriter<JobMessagesResponse> responseStream, ServerCallContext context) =>
        GetMessageStreamAsync(request, responseStream, context);

    public override Task<GetJobMetricsResponse> GetJobMetrics(GetJobMetricsRequest request, ServerCallContext context) =>
        Task.FromResult(new GetJobMetricsResponse { Metrics = _jobs.Get(request.JobId, "GetJobMetricsRequest.job_id").Metrics.ToMetricResults() });

    public override Task<DescribePipelineOptionsResponse> DescribePipelineOptions(DescribePipelineOptionsRequest request, ServerCallContext context) =>
        Task.FromResult(new DescribePipelineOptionsResponse());

    // Overridden only to say why: the generated base answers UNIMPLEMENTED with an empty message.
    public override Task<DrainJobResponse> Drain(DrainJobRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "Drain is not supported by the ReferenceRunner yet (it has no draining of unbounded sources); use Cancel"));

    private PrepareJobResponse Prepare(PrepareJobRequest request)
    {
        if (request.Pipeline is null)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "PrepareJobRequest.pipeline is missing."));
        }

        IReadOnlyList<ValidationProblem> problems;
        FusedPipeline? translation;
        try
        {
            (problems, translation) = _translate(request.Pipeline, request.PipelineOptions);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"PrepareJobRequest.pipeline: a payload does not parse: {e.Message}"));
        }
        catch (PipelineTranslationException e) when (e.Problems.Count > 0)
        {
            // Found by fusion, after validation passed: refused like the validator's problems.
            (problems, translation) = (e.Problems, null);
        }
        catch (PipelineTranslationException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, e.Message));
        }

        if (problems.Count > 0)
        {
            var refusal = StatusDetails.InvalidArgument(
                PipelineValidator.Summary(problems.Count),
                [.. problems.Select(static p => (p.Id, $"{p.Feature} '{p.Value}': {p.Message}"))]);
            Log.PrepareRefused(_logger, problems.Count, refusal.Status.Detail);
            throw refusal;
        }

        if (translation is null)
        {
            throw new InvalidOperationException("ReferenceRunner bug: Prepare found no problem and made no translation");
        }

        var (id, sequence) = _jobs.NewId(request.JobName);
        var job = new JobRecord(id, sequence, request.JobName, request.Pipeline, translation, request.PipelineOptions ?? new Struct(),
            new JobEventLog(_time, JobState.Types.Enum.Stopped), new JobMetrics());
        _jobs.Add(job);
        Log.Prepared(_logger, id, request.Pipeline.Components?.Transforms.Count ?? 0);
        return new PrepareJobResponse
        {
            PreparationId = id,
            StagingSessionToken = id,
            ArtifactStagingEndpoint = new ApiServiceDescriptor { Url = _stagingEndpoint() },
        };
    }

    private RunJobResponse Run(RunJobRequest request)
    {
        var job = _jobs.Get(request.PreparationId, "RunJobRequest.preparation_id");
        var refusal = job.TryClaimRun();
        if (refusal is not null)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, refusal));
        }

        job.Events.TryTransition(JobState.Types.Enum.Starting, JobState.Types.Enum.Stopped);
        // The job outlives the Run call: it starts from a clean context, so its logs carry its own job scope, not the
        // Run request's connection and request scopes.
        using (ExecutionContext.SuppressFlow())
        {
            job.Execution = Task.Run(() => ExecuteAsync(job));
        }

        return new RunJobResponse { JobId = job.Id };
    }

    private async Task ExecuteAsync(JobRecord job)
    {
        using var scope = Log.JobScope(_logger, job.Id);
        var token = job.Cancellation.Token;
        try
        {
            var context = new JobRunContext
            {
                JobId = job.Id,
                Pipeline = job.Pipeline,
                Translation = job.Translation,
                PipelineOptions = job.Options,
                Environments = _launchers(job),
                Messages = job.Events,
                Metrics = job.Metrics,
                LoggerFactory = _loggerFactory,
            };
            job.Events.TryTransition(JobState.Types.Enum.Running, JobState.Types.Enum.Starting);
            Log.Running(_logger, job.Id);
            await _executor.ExecuteAsync(context, token).ConfigureAwait(false);
            if (!job.Events.TryTransition(JobState.Types.Enum.Cancelled, JobState.Types.Enum.Cancelling))
            {
                job.Events.TryTransition(JobState.Types.Enum.Done, JobState.Types.Enum.Running, JobState.Types.Enum.Starting);
            }
        }
        catch (Exception e) when (token.IsCancellationRequested)
        {
            Log.Cancelled(_logger, job.Id, e.GetType().Name);
            job.Events.TryTransition(JobState.Types.Enum.Cancelled, JobState.Types.Enum.Cancelling);
        }
        catch (Exception e)
        {
            var reason = e is JobFailedException ? e.Message : $"ReferenceRunner bug: the executor threw {e.GetType().Name}: {e.Message}";
            Log.Failed(_logger, job.Id, reason, e);
            if (!job.Events.HasError(reason))
            {
                // The executor may already have posted it (a bundle's SDK error): once is enough.
                job.Events.Post(JobMessage.Types.MessageImportance.JobMessageError, reason);
            }

            job.Events.TryTransition(JobState.Types.Enum.Failed, JobState.Types.Enum.Running, JobState.Types.Enum.Starting);
        }
        finally
        {
            // A cancel that raced with the end of the executor still ends in CANCELLED.
            job.Events.TryTransition(JobState.Types.Enum.Cancelled, JobState.Types.Enum.Cancelling);
        }
    }

    private GetJobsResponse GetJobs()
    {
        var response = new GetJobsResponse();
        foreach (var job in _jobs.All)
        {
            response.JobInfo.Add(new JobInfo { JobId = job.Id, JobName = job.Name, PipelineOptions = job.Options, State = job.Events.State });
        }

        return response;
    }

    private CancelJobResponse Cancel(CancelJobRequest request)
    {
        var job = _jobs.Get(request.JobId, "CancelJobRequest.job_id");

        // Not run yet: nothing to stop.
        if (job.Events.TryTransition(JobState.Types.Enum.Cancelled, JobState.Types.Enum.Stopped))
        {
            return new CancelJobResponse { State = JobState.Types.Enum.Cancelled };
        }

        if (job.Events.TryTransition(JobState.Types.Enum.Cancelling, JobState.Types.Enum.Starting, JobState.Types.Enum.Running))
        {
            Log.Cancelling(_logger, job.Id);
            try
            {
                job.Cancellation.Cancel();
            }
            catch (AggregateException e)
            {
                // The token is cancelled and every callback ran; one of them threw, e.g. grpc-dotnet's for a worker
                // stream whose request had already finished ("HttpContext disposed"). The job is cancelling all the
                // same, so Cancel answers CANCELLING rather than INTERNAL (seen in FnApiFuzzTests).
                Log.CancellationCallbackFailed(_logger, job.Id, e);
            }

            // The state this call moved the job to: the executor may reach CANCELLED before this returns
            // (cancellation can run its continuations inline), and the state stream reports that next.
            return new CancelJobResponse { State = JobState.Types.Enum.Cancelling };
        }

        return new CancelJobResponse { State = job.Events.State };
    }

    private async Task GetStateStreamAsync(GetJobStateRequest request, IServerStreamWriter<JobStateEvent> stream, ServerCallContext context)
    {
        var job = _jobs.Get(request.JobId, "GetJobStateRequest.job_id");
        await foreach (var item in job.Events.FollowAsync(context.CancellationToken).ConfigureAwait(false))
        {
            if (item.ResponseCase == JobMessagesResponse.ResponseOneofCase.StateResponse)
            {
                await stream.WriteAsync(item.StateResponse, context.CancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task GetMessageStreamAsync(JobMessagesRequest request, IServerStreamWriter<JobMessagesResponse> stream, ServerCallContext context)
    {
        var job = _jobs.Get(request.JobId, "JobMessagesRequest.job_id");
        await foreach (var item in job.Events.FollowAsync(context.CancellationToken).ConfigureAwait(false))
        {
            await stream.WriteAsync(item, context.CancellationToken).ConfigureAwait(false);
        }
    }
}
