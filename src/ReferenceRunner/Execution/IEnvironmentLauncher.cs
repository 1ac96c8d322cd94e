using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Execution;

/// <summary>
/// Starts SDK workers for a pipeline's environments (<c>beam:env:external:v1</c> through the worker
/// pool's StartWorker, <c>beam:env:process:v1</c> as a child process, <c>beam:env:anyof:v1</c> by its first
/// supported choice). A started worker connects to the runner's Fn API endpoint (control, data, state,
/// logging, provision, artifact retrieval all on one port) and identifies itself by the
/// <c>worker_id</c> request metadata equal to the id given here.
/// </summary>
public interface IEnvironmentLauncher
{
    /// <summary>The Fn API endpoint workers are told to use, as <c>host:port</c>.</summary>
    string FnApiEndpoint { get; }

    /// <summary>Starts one worker.</summary>
    /// <param name="workerId">The id the worker must send as <c>worker_id</c> metadata.</param>
    /// <param name="environmentId">The environment's id in the pipeline's components.</param>
    /// <param name="environment">The environment proto.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A lease; disposing it stops the worker (StopWorker, or killing the process).</returns>
    /// <exception cref="JobFailedException">The environment could not start a worker (the message names the environment and why).</exception>
    Task<IWorkerLease> StartWorkerAsync(string workerId, string environmentId, Org.Apache.Beam.Model.Pipeline.V1.Environment environment, CancellationToken cancellationToken);
}
