using BeamConformance.ReferenceRunner.FnApi;
using Microsoft.Extensions.Logging;
using Org.Apache.Beam.Model.FnExecution.V1;
using Org.Apache.Beam.Model.JobManagement.V1;

namespace BeamConformance.ReferenceRunner.Execution.Internal;

/// <summary>
/// Bundle finalization (<c>beam_fn_api.proto</c> <c>ProcessBundleResponse.requires_finalization</c>,
/// <c>FinalizeBundleRequest</c>): once a bundle whose response asked for it has committed (its outputs handed to the
/// engine, its user state and metrics committed), the runner sends one <c>FinalizeBundleRequest</c> for that
/// instruction to the worker that ran it, and waits for the answer. Never before the commit, never for a failed
/// attempt (the caller only calls this after a commit). A failed finalization cannot undo the commit: it is logged
/// and posted as a job warning, and the job goes on (Python's FnApiRunner sends the request once the bundle's outputs
/// are in its buffers and raises on an error answer; here the commit stands, so the job does not fail for it).
/// </summary>
internal static class BundleFinalization
{
    /// <summary>Sends the FinalizeBundleRequest when <paramref name="response"/> asks for it; never throws except on cancellation.</summary>
    /// <exception cref="OperationCanceledException">The job was cancelled.</exception>
    public static async Task FinalizeIfAskedAsync(
        WorkerConnection connection, ProcessBundleResponse response, string instructionId, JobRunContext context, ILogger logger, CancellationToken cancellationToken)
    {
        if (!response.RequiresFinalization)
        {
            return;
        }

        string? error;
        try
        {
            var answer = await connection.SendInstructionAsync(
                new InstructionRequest { FinalizeBundle = new FinalizeBundleRequest { InstructionId = instructionId } }, cancellationToken).ConfigureAwait(false);
            error = string.IsNullOrEmpty(answer.Error) ? null : answer.Error;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            error = e.Message;
        }

        if (error is null)
        {
            LifecycleLog.Finalized(logger, context.JobId, instructionId);
            return;
        }

        LifecycleLog.FinalizeFailed(logger, context.JobId, instructionId, error);
        context.Messages.Post(JobMessage.Types.MessageImportance.JobMessageWarning,
            $"FinalizeBundle of committed bundle '{instructionId}' on SDK worker '{connection.WorkerId}' failed (its outputs stay committed): {error}");
    }
}
