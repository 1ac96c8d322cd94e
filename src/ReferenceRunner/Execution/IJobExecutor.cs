namespace BeamConformance.ReferenceRunner.Execution;

/// <summary>
/// Runs one prepared job's pipeline to its end: from its translation, starts SDK workers through
/// <see cref="JobRunContext.Environments"/>, drives bundles through the Fn API and the engine.
/// The job side (JobService) calls it once per <c>Run</c>.
/// </summary>
public interface IJobExecutor
{
    /// <summary>
    /// Runs the job until every watermark reaches the end of time.
    /// </summary>
    /// <param name="context">The job: its pipeline, options, environments, and sinks for messages and metrics.</param>
    /// <param name="cancellationToken">Cancels the job (JobService <c>Cancel</c>): workers are stopped, nothing more is committed.</param>
    /// <returns>A task that completes when the job is DONE.</returns>
    /// <exception cref="JobFailedException">The job failed; the message says why (a bundle's SDK error, a worker that never connected, a stuck job with its state dump).</exception>
    /// <exception cref="OperationCanceledException">The job was cancelled.</exception>
    Task ExecuteAsync(JobRunContext context, CancellationToken cancellationToken);
}
