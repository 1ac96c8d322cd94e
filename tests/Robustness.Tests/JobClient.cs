using Grpc.Core;
using Org.Apache.Beam.Model.JobManagement.V1;

namespace BeamConformance.Robustness.Tests;

/// <summary>The SDK side of the Job API the fuzz cases need: staging with no dependencies, and a job's end.</summary>
internal static class JobClient
{
    /// <summary>Stages a job whose environments have no dependencies: sends the token and waits for the runner to end the stream.</summary>
    public static async Task StageNothingAsync(CallInvoker jobs, string token)
    {
        using var call = new ArtifactStagingService.ArtifactStagingServiceClient(jobs).ReverseArtifactRetrievalService(FuzzRunner.Options());
        await call.RequestStream.WriteAsync(new ArtifactResponseWrapper { StagingToken = token }, TestContext.Current.CancellationToken);
        while (await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken))
        {
            throw new InvalidOperationException($"the runner asked for {call.ResponseStream.Current.RequestCase} of a job without dependencies");
        }

        // The runner ended its side; end ours too (as SDKs do), so the stream closes instead of being reset by the dispose.
        await call.RequestStream.CompleteAsync();
    }

    /// <summary>The job's terminal state, following its state stream for at most <paramref name="timeout"/>.</summary>
    /// <returns>The last state seen (not terminal when the time ran out).</returns>
    public static async Task<JobState.Types.Enum> TerminalStateAsync(CallInvoker jobs, string jobId, TimeSpan timeout)
    {
        var state = JobState.Types.Enum.Unspecified;
        try
        {
            using var call = new JobService.JobServiceClient(jobs).GetStateStream(new GetJobStateRequest { JobId = jobId }, FuzzRunner.Options(timeout.TotalSeconds));
            while (await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken))
            {
                state = call.ResponseStream.Current.State;
            }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.DeadlineExceeded)
        {
            // Not terminal in time: the caller reports the state it got to.
        }

        return state;
    }
}
