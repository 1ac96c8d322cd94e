using BeamConformance.ReferenceRunner.Execution;

namespace BeamConformance.ReferenceRunner.Hosting.Internal;

/// <summary>
/// The executor Program uses until the Fn API JobExecutor is wired in: every Run fails with a message
/// saying so (never a fake success).
/// </summary>
internal sealed class ExecutionUnavailableExecutor : IJobExecutor
{
    public Task ExecuteAsync(JobRunContext context, CancellationToken cancellationToken) =>
        throw new JobFailedException("This ReferenceRunner build cannot execute pipelines yet: its Fn API JobExecutor is not wired into Program.");
}
