using System.Diagnostics;
using Grpc.Core;
using BeamConformance.Protos.Hosting;
using Org.Apache.Beam.Model.JobManagement.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.Benchmarks.Runner;

/// <summary>
/// Submits one pipeline as an SDK would through the Job API (beam_job_api.proto): Prepare, artifact staging through
/// ReverseArtifactRetrievalService (answering whatever the runner asks; these pipelines have no dependencies), Run,
/// then follows GetStateStream to a terminal state. Times are taken on one <see cref="Stopwatch"/>.
/// </summary>
internal sealed class RunnerJobClient(CallInvoker jobs, TimeSpan timeout)
{
    private readonly JobService.JobServiceClient _client = new(jobs);

    /// <summary>Runs <paramref name="pipeline"/>; <paramref name="onPrepare"/> is called just before Prepare is sent.</summary>
    /// <returns>The terminal state and the ticks (of <see cref="Stopwatch"/>) at Prepare, Run sent, and the terminal state.</returns>
    public async Task<JobTimes> RunAsync(Pipeline pipeline, string jobName, Action? onPrepare = null)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var options = new CallOptions(null, DateTime.UtcNow + timeout, deadline.Token);
        onPrepare?.Invoke();
        var prepareTicks = Stopwatch.GetTimestamp();
        var prepared = await _client.PrepareAsync(new PrepareJobRequest { Pipeline = pipeline, JobName = jobName }, options).ResponseAsync.ConfigureAwait(false);
        await StageAsync(prepared, options).ConfigureAwait(false);
        var runTicks = Stopwatch.GetTimestamp();
        var run = await _client.RunAsync(new RunJobRequest { PreparationId = prepared.PreparationId }, options).ResponseAsync.ConfigureAwait(false);
        var state = JobState.Types.Enum.Unspecified;
        using (var stream = _client.GetStateStream(new GetJobStateRequest { JobId = run.JobId }, options))
        {
            while (!IsTerminal(state) && await stream.ResponseStream.MoveNext(deadline.Token).ConfigureAwait(false))
            {
                state = stream.ResponseStream.Current.State;
            }
        }

        var endTicks = Stopwatch.GetTimestamp();
        var messages = IsTerminal(state) && state != JobState.Types.Enum.Done ? await MessagesAsync(run.JobId).ConfigureAwait(false) : [];
        return new JobTimes(run.JobId, state, prepareTicks, runTicks, endTicks, messages);
    }

    /// <summary>The committed <c>beam:metric:element_count:v1</c> of <paramref name="pcollection"/> (GetJobMetrics), or null when absent.</summary>
    public async Task<long?> CommittedElementCountAsync(string jobId, string pcollection)
    {
        var metrics = await _client.GetJobMetricsAsync(new GetJobMetricsRequest { JobId = jobId }, new CallOptions(null, DateTime.UtcNow.AddSeconds(30))).ResponseAsync.ConfigureAwait(false);
        long? count = null;
        foreach (var info in metrics.Metrics?.Committed ?? [])
        {
            if (info.Urn == "beam:metric:element_count:v1" && info.Labels.TryGetValue("PCOLLECTION", out var label) && label == pcollection)
            {
                count = (count ?? 0) + new Google.Protobuf.CodedInputStream(info.Payload.ToByteArray()).ReadInt64();
            }
        }

        return count;
    }

    private static bool IsTerminal(JobState.Types.Enum state) => state is JobState.Types.Enum.Done or JobState.Types.Enum.Failed
        or JobState.Types.Enum.Cancelled or JobState.Types.Enum.Updated or JobState.Types.Enum.Drained;

    /// <summary>The SDK side of staging with no artifacts: resolve to the same list, never half-close, wait for the runner to end the stream.</summary>
    private async Task StageAsync(PrepareJobResponse prepared, CallOptions options)
    {
        using var channel = GrpcChannels.ForEndpoint(prepared.ArtifactStagingEndpoint.Url);
        using var call = new ArtifactStagingService.ArtifactStagingServiceClient(channel.CreateCallInvoker()).ReverseArtifactRetrievalService(options);
        var token = prepared.StagingSessionToken;
        await call.RequestStream.WriteAsync(new ArtifactResponseWrapper { StagingToken = token }).ConfigureAwait(false);
        while (await call.ResponseStream.MoveNext(options.CancellationToken).ConfigureAwait(false))
        {
            var request = call.ResponseStream.Current;
            if (request.RequestCase != ArtifactRequestWrapper.RequestOneofCase.ResolveArtifact)
            {
                throw new InvalidOperationException($"the runner asked for {request.RequestCase} of a pipeline without artifacts");
            }

            var resolved = new ResolveArtifactsResponse();
            resolved.Replacements.Add(request.ResolveArtifact.Artifacts);
            await call.RequestStream.WriteAsync(new ArtifactResponseWrapper { StagingToken = token, ResolveArtifactResponse = resolved }).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<string>> MessagesAsync(string jobId)
    {
        var texts = new List<string>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            using var stream = _client.GetMessageStream(new JobMessagesRequest { JobId = jobId }, new CallOptions(null, null, stop.Token));
            while (await stream.ResponseStream.MoveNext(stop.Token).ConfigureAwait(false))
            {
                if (stream.ResponseStream.Current.MessageResponse is { } message)
                {
                    texts.Add($"{message.Importance}: {message.MessageText}");
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or RpcException)
        {
            // The stream ends at the terminal state; a cut-off read still leaves the messages already read.
        }

        return texts;
    }
}

/// <summary>One job's outcome: its id, terminal state, the <see cref="Stopwatch"/> ticks at Prepare, Run and the terminal
/// state, and its job messages when it did not end DONE.</summary>
internal sealed record JobTimes(string JobId, JobState.Types.Enum State, long PrepareTicks, long RunTicks, long EndTicks, IReadOnlyList<string> Messages)
{
    public double RunToEndSeconds => Stopwatch.GetElapsedTime(RunTicks, EndTicks).TotalSeconds;

    public double PrepareToEndMs => Stopwatch.GetElapsedTime(PrepareTicks, EndTicks).TotalMilliseconds;
}
