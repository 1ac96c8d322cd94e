using BeamConformance.ReferenceRunner.Jobs.Internal;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Org.Apache.Beam.Model.JobManagement.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Artifacts.Internal;

/// <summary>
/// ArtifactStagingService of <c>beam_artifact_api.proto</c> on the job port. In ReverseArtifactRetrievalService
/// the runner is the client of the SDK's artifact retrieval: the SDK first sends a message carrying the
/// staging token (the preparation id); then, per environment with dependencies, the runner asks
/// ResolveArtifacts and fetches each resolved artifact with GetArtifact (chunks until <c>is_last</c>),
/// writes it under the job's directory and rewrites the environment's dependency to
/// <c>beam:artifact:type:file:v1</c> (role kept). URL artifacts are kept as they are. When every environment
/// is staged the runner ends the stream itself (SDKs wait for that). Errors: NOT_FOUND for an unknown token,
/// FAILED_PRECONDITION when the job is staged, staging or running, INVALID_ARGUMENT for a reply that does
/// not answer the request or a staged name no file under the job's directory can have (escaping it, a NUL, a
/// component over 255 bytes...); a failure is also posted to the job's message stream as JOB_MESSAGE_ERROR. A stream
/// not done within the staging deadline is DEADLINE_EXCEEDED and its job turns FAILED.
/// </summary>
internal sealed class ArtifactStagingServer(JobStore jobs, ArtifactStore store, TimeSpan deadline, TimeProvider time, ILogger logger) : Org.Apache.Beam.Model.JobManagement.V1.ArtifactStagingService.ArtifactStagingServiceBase
{
    public void Bind(ServiceBinderBase binder) => Org.Apache.Beam.Model.JobManagement.V1.ArtifactStagingService.BindService(binder, this);

    public override Task ReverseArtifactRetrievalService(IAsyncStreamReader<ArtifactResponseWrapper> requestStream, IServerStreamWriter<ArtifactRequestWrapper> responseStream, ServerCallContext context) =>
        StageAsync(requestStream, responseStream, context);

    private async Task StageAsync(IAsyncStreamReader<ArtifactResponseWrapper> replies, IServerStreamWriter<ArtifactRequestWrapper> requests, ServerCallContext context)
    {
        // The whole stream, from its first message to the last artifact, has the staging deadline.
        using var expiry = new CancellationTokenSource(deadline, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, expiry.Token);
        var ct = linked.Token;

        // Headers first: some clients (the TypeScript SDK's transport) never finish a call answered trailers-only.
        await context.WriteResponseHeadersAsync(new Metadata()).ConfigureAwait(false);
        bool first;
        try
        {
            first = await replies.MoveNext(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (expiry.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.DeadlineExceeded, $"The staging stream sent no first message (which carries the staging token) within the staging deadline of {deadline.TotalSeconds:0.###} s."));
        }

        if (!first)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "The staging stream ended before its first message (which carries the staging token)."));
        }

        var token = replies.Current.StagingToken;
        var job = jobs.Get(token, "ArtifactResponseWrapper.staging_token");
        if (!job.TryBeginStaging())
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"job {job.Id}'s artifacts are already staged or being staged, or the job already runs."));
        }

        Pipeline? staged = null;
        try
        {
            var pipeline = job.Pipeline.Clone();
            var session = new StagingSession(replies, requests, store.JobDirectory(job.Id), ct);
            var count = 0;
            var environments = pipeline.Components?.Environments;
            var index = 0;
            foreach (var id in environments?.Keys.Order(StringComparer.Ordinal).ToList() ?? [])
            {
                var environment = environments![id];
                index++;
                if (environment.Dependencies.Count == 0)
                {
                    continue;
                }

                var dependencies = await session.StageEnvironmentAsync(id, index, environment.Dependencies).ConfigureAwait(false);
                environment.Dependencies.Clear();
                environment.Dependencies.Add(dependencies);
                count += dependencies.Count;
            }

            staged = pipeline;
            Log.Staged(logger, job.Id, count);
        }
        catch (OperationCanceledException) when (expiry.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            // A client that stops answering must not hold its job forever: the job fails.
            var reason = $"Artifact staging for job {job.Id} did not finish within the staging deadline of {deadline.TotalSeconds:0.###} s.";
            Log.StagingFailed(logger, job.Id, reason);
            job.Events.Post(JobMessage.Types.MessageImportance.JobMessageError, reason);
            job.Events.TryTransition(JobState.Types.Enum.Failed, JobState.Types.Enum.Stopped);
            throw new RpcException(new Status(StatusCode.DeadlineExceeded, reason));
        }
        catch (RpcException e)
        {
            // The job exists: its message stream carries why staging failed, in full.
            Log.StagingFailed(logger, job.Id, e.Status.Detail);
            job.Events.Post(JobMessage.Types.MessageImportance.JobMessageError, e.Status.Detail);
            throw;
        }
        finally
        {
            job.EndStaging(staged);
            if (jobs.Find(job.Id) is null)
            {
                store.Delete(job.Id); // Dropped by the retention just before staging began: leave no files behind.
            }
        }
    }
}
