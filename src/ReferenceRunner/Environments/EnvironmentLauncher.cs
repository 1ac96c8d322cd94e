using BeamConformance.Model;
using BeamConformance.ReferenceRunner.Environments.Internal;
using BeamConformance.ReferenceRunner.Execution;
using Grpc.Core;
using BeamConformance.Protos.Hosting;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Org.Apache.Beam.Model.FnExecution.V1;
using Org.Apache.Beam.Model.Pipeline.V1;
using Environment = Org.Apache.Beam.Model.Pipeline.V1.Environment;

namespace BeamConformance.ReferenceRunner.Environments;

/// <summary>
/// Starts SDK workers for the environments of <c>beam_runner_api.proto</c>:
/// <list type="bullet">
/// <item><c>beam:env:external:v1</c>: calls BeamFnExternalWorkerPool.StartWorker at the ExternalPayload's
/// endpoint (how SDKs' LOOPBACK mode works) with control, logging, artifact and provision endpoints all
/// equal to <see cref="FnApiEndpoint"/> and the payload's params; the lease calls StopWorker.</item>
/// <item><c>beam:env:process:v1</c>: runs the ProcessPayload's command with the container-contract flags
/// <c>--id=… --control_endpoint=… --logging_endpoint=… --artifact_endpoint=… --provision_endpoint=…</c> and the
/// payload's env added to the runner's; refused unless allowed; the lease kills the process tree.</item>
/// <item><c>beam:env:anyof:v1</c>: the first supported choice.</item>
/// </list>
/// DOCKER and other environments are refused with <see cref="JobFailedException"/>.
/// </summary>
public sealed class EnvironmentLauncher : IEnvironmentLauncher
{
    private readonly bool _allowProcess;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    /// <summary>Creates a launcher.</summary>
    /// <param name="fnApiEndpoint">The runner's Fn API endpoint as <c>host:port</c>, given to workers.</param>
    /// <param name="allowProcessEnvironment">Whether <c>beam:env:process:v1</c> may run its command.</param>
    /// <param name="loggerFactory">Logging (process output goes to the log).</param>
    /// <param name="timeProvider">
    /// The clock of the launcher's deadlines (StartWorker 60 s, StopWorker 10 s, a killed process's exit 10 s);
    /// <see cref="TimeProvider.System"/> when null.
    /// </param>
    public EnvironmentLauncher(string fnApiEndpoint, bool allowProcessEnvironment, ILoggerFactory loggerFactory, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(fnApiEndpoint);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        FnApiEndpoint = fnApiEndpoint;
        _allowProcess = allowProcessEnvironment;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("BeamConformance.ReferenceRunner.Environments");
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public string FnApiEndpoint { get; }

    /// <inheritdoc />
    public async Task<IWorkerLease> StartWorkerAsync(string workerId, string environmentId, Environment environment, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        ArgumentNullException.ThrowIfNull(environment);
        var why = EnvironmentSupport.WhyUnsupported(environment, _allowProcess);
        if (why is not null)
        {
            throw new JobFailedException($"Cannot start a worker for environment '{environmentId}' ({environment.Urn}): {why}.");
        }

        var chosen = EnvironmentSupport.Choose(environment, _allowProcess);
        return chosen.Urn switch
        {
            Urns.Environments.External => await StartExternalAsync(workerId, environmentId, ExternalPayload.Parser.ParseFrom(chosen.Payload), cancellationToken).ConfigureAwait(false),
            Urns.Environments.Process => ProcessWorkerLease.Start(workerId, environmentId, ProcessPayload.Parser.ParseFrom(chosen.Payload), FnApiEndpoint, _time, _logger),
            _ => throw new JobFailedException($"ReferenceRunner bug: environment '{environmentId}' chose unsupported {chosen.Urn}."),
        };
    }

    private async Task<IWorkerLease> StartExternalAsync(string workerId, string environmentId, ExternalPayload payload, CancellationToken cancellationToken)
    {
        var endpoint = new ApiServiceDescriptor { Url = FnApiEndpoint };
        var request = new StartWorkerRequest
        {
            WorkerId = workerId,
            ControlEndpoint = endpoint,
            LoggingEndpoint = endpoint,
            ArtifactEndpoint = endpoint,
            ProvisionEndpoint = endpoint,
        };
        request.Params.Add(payload.Params);
        var channel = GrpcChannels.ForEndpoint(payload.Endpoint.Url, new GrpcChannelOptions { LoggerFactory = _loggerFactory });
        try
        {
            var invoker = channel.CreateCallInvoker();
            using var call = new BeamFnExternalWorkerPool.BeamFnExternalWorkerPoolClient(invoker).StartWorkerAsync(request, new CallOptions(deadline: _time.GetUtcNow().UtcDateTime.AddSeconds(60), cancellationToken: cancellationToken));
            var response = await call.ResponseAsync.ConfigureAwait(false);
            if (response.Error.Length > 0)
            {
                throw new JobFailedException($"The worker pool at {payload.Endpoint.Url} refused to start worker '{workerId}' for environment '{environmentId}': {response.Error}");
            }

            Log.ExternalWorkerStarted(_logger, workerId, environmentId, payload.Endpoint.Url);
            return new ExternalWorkerLease(workerId, channel, _time, _logger);
        }
        catch (RpcException e)
        {
            channel.Dispose();
            throw new JobFailedException($"Could not start worker '{workerId}' for environment '{environmentId}': StartWorker at {payload.Endpoint.Url} failed with {e.StatusCode}: {e.Status.Detail}", e);
        }
        catch
        {
            channel.Dispose();
            throw;
        }
    }
}
