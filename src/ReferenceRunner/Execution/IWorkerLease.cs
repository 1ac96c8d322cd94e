namespace BeamConformance.ReferenceRunner.Execution;

/// <summary>A started SDK worker; <see cref="IAsyncDisposable.DisposeAsync"/> stops it.</summary>
public interface IWorkerLease : IAsyncDisposable
{
    /// <summary>The worker's id (its <c>worker_id</c> metadata).</summary>
    string WorkerId { get; }
}
