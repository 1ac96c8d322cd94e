using Google.Protobuf.WellKnownTypes;
using BeamConformance.ReferenceRunner.Execution;
using BeamConformance.ReferenceRunner.Workers.Internal;
using Org.Apache.Beam.Model.FnExecution.V1;
using Org.Apache.Beam.Model.Pipeline.V1;
using Environment = Org.Apache.Beam.Model.Pipeline.V1.Environment;

namespace BeamConformance.ReferenceRunner.Provision.Internal;

/// <summary>
/// One job's launcher: gives each worker its ProvisionInfo (job options, retrieval token, endpoints = the
/// Fn API endpoint, the environment's staged dependencies, runner capabilities) on its <see cref="SdkWorker"/> before
/// starting it, and removes the worker from the registry when its lease is disposed.
/// </summary>
internal sealed class ProvisionedEnvironmentLauncher(
    IEnvironmentLauncher inner, SdkWorkerRegistry workers, Struct options, string retrievalToken, IReadOnlyList<string> capabilities) : IEnvironmentLauncher
{
    public string FnApiEndpoint => inner.FnApiEndpoint;

    public async Task<IWorkerLease> StartWorkerAsync(string workerId, string environmentId, Environment environment, CancellationToken cancellationToken)
    {
        var endpoint = new ApiServiceDescriptor { Url = FnApiEndpoint };
        var info = new ProvisionInfo
        {
            PipelineOptions = options,
            RetrievalToken = retrievalToken,
            LoggingEndpoint = endpoint,
            ArtifactEndpoint = endpoint,
            ControlEndpoint = endpoint,
        };
        info.Dependencies.Add(environment.Dependencies);
        info.RunnerCapabilities.Add(capabilities);
        workers.Provide(workerId, info);
        try
        {
            var lease = await inner.StartWorkerAsync(workerId, environmentId, environment, cancellationToken).ConfigureAwait(false);
            return new Lease(lease, workers);
        }
        catch
        {
            workers.Remove(workerId);
            throw;
        }
    }

    private sealed class Lease(IWorkerLease inner, SdkWorkerRegistry workers) : IWorkerLease
    {
        public string WorkerId => inner.WorkerId;

        public Task<string>? Ended => inner.Ended;

        public async ValueTask DisposeAsync()
        {
            try
            {
                await inner.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                workers.Remove(inner.WorkerId);
            }
        }
    }
}
