namespace BeamConformance.ReferenceRunner.Execution;

/// <summary>A started SDK worker; <see cref="IAsyncDisposable.DisposeAsync"/> stops it.</summary>
public interface IWorkerLease : IAsyncDisposable
{
    /// <summary>The worker's id (its <c>worker_id</c> metadata).</summary>
    string WorkerId { get; }

    /// <summary>
    /// Completes with a sentence saying why when the worker ends on its own (a PROCESS worker's exit code and the last
    /// lines of its output), so that the job fails at once instead of waiting for a connection that cannot come. Never
    /// completes while the worker runs or after the runner stopped it; null (the default) when the launcher cannot see
    /// the worker end (an EXTERNAL worker pool's worker).
    /// </summary>
    Task<string>? Ended => null;
}
