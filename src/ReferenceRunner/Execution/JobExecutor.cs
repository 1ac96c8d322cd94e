using BeamConformance.ReferenceRunner.Execution.Internal;
using BeamConformance.ReferenceRunner.FnApi;

namespace BeamConformance.ReferenceRunner.Execution;

/// <summary>
/// Runs jobs through the Fn API: builds the engine graph of the job's translation (made at Prepare), starts one SDK
/// worker per environment of the executable stages, waits for each worker's control stream, then drives
/// the engine's bundles: each SDK stage bundle is a ProcessBundle instruction whose inputs go out on the data
/// stream and whose outputs are committed to the engine only when the ProcessBundleResponse succeeds.
/// Side-input state reads are answered from the engine. Metrics go to <see cref="JobRunContext.Metrics"/>
/// (progress as attempted, bundle responses as committed).
/// </summary>
public sealed class JobExecutor : IJobExecutor
{
    private readonly FnApiServer _fnApi;
    private readonly ExecutionOptions _options;

    /// <summary>Creates the executor.</summary>
    /// <param name="fnApi">The Fn API services the started workers connect to (bound on the endpoint the environment launcher gives workers).</param>
    /// <param name="options">How to run; <see cref="ExecutionOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">Bundle size or bundles in flight below 1.</exception>
    public JobExecutor(FnApiServer fnApi, ExecutionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fnApi);
        _fnApi = fnApi;
        _options = options ?? ExecutionOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.BundleSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxBundlesInFlight, 1, nameof(options));
    }

    /// <inheritdoc />
    /// <exception cref="JobFailedException">
    /// A worker could not start or never connected ("worker X for environment Y never
    /// connected"); a bundle failed (the SDK's error text, also posted as a JOB_MESSAGE_ERROR); a worker
    /// disconnected mid-bundle; the job got stuck (with the engine's dump of every stage).
    /// </exception>
    public async Task ExecuteAsync(JobRunContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var run = new JobRun(context, _fnApi, _options);
        await run.RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
