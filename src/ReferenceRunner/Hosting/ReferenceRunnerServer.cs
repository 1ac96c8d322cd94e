using BeamConformance.ReferenceRunner.Artifacts.Internal;
using BeamConformance.ReferenceRunner.Environments;
using BeamConformance.ReferenceRunner.Environments.Internal;
using BeamConformance.ReferenceRunner.Execution;
using BeamConformance.ReferenceRunner.FnApi;
using BeamConformance.ReferenceRunner.Hosting.Internal;
using BeamConformance.ReferenceRunner.Jobs.Internal;
using BeamConformance.ReferenceRunner.Provision.Internal;
using BeamConformance.ReferenceRunner.Translation;
using BeamConformance.ReferenceRunner.Workers.Internal;
using Grpc.Core;
using BeamConformance.Protos.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Hosting;

/// <summary>
/// The ReferenceRunner as a server, hostable in process (tests, the conformance CLI) or by Program.
/// Two gRPC servers (grpc-dotnet on Kestrel, HTTP/2 cleartext, gzip-compressed requests accepted): the job port
/// (JobService and ArtifactStagingService of <c>beam_job_api.proto</c> / <c>beam_artifact_api.proto</c>, plus gRPC
/// health checking, <c>grpc.health.v1.Health</c>, and server reflection listing them) and the Fn API port (the services bound by the caller's Fn API binding —
/// control, data, state, logging — plus ProvisionService and ArtifactRetrievalService; workers are told
/// this one endpoint and identify themselves by <c>worker_id</c> metadata). Each Run hands the job to the
/// <see cref="IJobExecutor"/> on a background task.
/// </summary>
public sealed class ReferenceRunnerServer : IAsyncDisposable
{
    private readonly ReferenceRunnerOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly JobStore _jobs;
    private readonly SdkWorkerRegistry _workers;
    private readonly ArtifactStore _store;
    private readonly GrpcServer _jobServer;
    private readonly GrpcServer _fnServer;
    private string? _jobEndpoint;
    private string? _fnApiEndpoint;
    private int _disposed;

    /// <summary>Creates the server (nothing listens until <see cref="StartAsync"/>).</summary>
    /// <param name="options">Ports, limits, staging directory, process opt-in.</param>
    /// <param name="executor">Runs each job (the runner's JobExecutor, or a test's).</param>
    /// <param name="fnApi">
    /// The Fn API server (control, data, state, logging) to bind on the Fn API port; its SDK workers are the ones the
    /// ProvisionServer and ArtifactRetrievalServer answer. Null binds none (jobs whose executor needs no workers).
    /// </param>
    /// <param name="loggerFactory">Logging; null for none.</param>
    public ReferenceRunnerServer(ReferenceRunnerOptions options, IJobExecutor executor, FnApiServer? fnApi = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(executor);
        _options = options;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _store = new ArtifactStore(options.StagingDirectory);
        _workers = fnApi?.Workers ?? new SdkWorkerRegistry();
        _jobs = new JobStore(options.JobRetention, options.TimeProvider, job => _store.Delete(job.Id));

        _fnServer = new GrpcServer(new GrpcServerOptions
        {
            Host = options.BindAddress,
            Port = options.FnApiPort,
            MaxReceiveMessageSize = options.MaxFnApiReceiveMessageBytes,
            LoggerFactory = _loggerFactory,
        });
        var fnBinder = new GuardedBinder(_fnServer);
        fnApi?.Bind(fnBinder);
        new ProvisionServer(_workers).Bind(fnBinder);
        new ArtifactRetrievalServer(_store, _workers, options.ArtifactChunkBytes).Bind(fnBinder);

        _jobServer = new GrpcServer(new GrpcServerOptions
        {
            Host = options.BindAddress,
            Port = options.JobPort,
            MaxReceiveMessageSize = options.MaxJobPortReceiveMessageBytes,
            LoggerFactory = _loggerFactory,
            EnableHealthChecks = true,
            ReflectionServices =
            [
                Org.Apache.Beam.Model.JobManagement.V1.JobService.Descriptor,
                Org.Apache.Beam.Model.JobManagement.V1.ArtifactStagingService.Descriptor,
            ],
        });
        var jobServer = new JobServer(_jobs, executor, CreateLauncher, Translate, () => JobEndpoint, _loggerFactory, options.TimeProvider);
        var jobBinder = new GuardedBinder(_jobServer);
        jobServer.Bind(jobBinder);
        new ArtifactStagingServer(_jobs, _store, options.StagingTimeout, options.TimeProvider, _loggerFactory.CreateLogger("BeamConformance.ReferenceRunner.ArtifactStaging")).Bind(jobBinder);
    }

    /// <summary>
    /// Creates the runner as the executable runs it: the Fn API services (control, data, state, logging) on
    /// the Fn API port and the Fn API <see cref="JobExecutor"/> running each job.
    /// </summary>
    /// <param name="options">Ports, limits, staging directory, process opt-in.</param>
    /// <param name="execution">
    /// Bundle size, worker connect timeout...; defaults when null. Its clock, when left at <see cref="TimeProvider.System"/>,
    /// becomes <see cref="ReferenceRunnerOptions.TimeProvider"/>: one clock for the server and its jobs.
    /// </param>
    /// <param name="loggerFactory">Logging; null for none.</param>
    /// <returns>The server, not started.</returns>
    public static ReferenceRunnerServer CreateDefault(ReferenceRunnerOptions options, ExecutionOptions? execution = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        loggerFactory ??= NullLoggerFactory.Instance;
        execution ??= ExecutionOptions.Default;
        if (ReferenceEquals(execution.TimeProvider, TimeProvider.System))
        {
            execution = execution with { TimeProvider = options.TimeProvider };
        }

        var fnApi = new FnApiServer(loggerFactory, options.FnApi, options.TimeProvider);
        return new ReferenceRunnerServer(options, new JobExecutor(fnApi, execution), fnApi, loggerFactory);
    }

    /// <summary>The job endpoint as <c>host:port</c> (JobService and ArtifactStagingService).</summary>
    /// <exception cref="InvalidOperationException">The server has not started.</exception>
    public string JobEndpoint => _jobEndpoint ?? throw new InvalidOperationException("The ReferenceRunner server has not started.");

    /// <summary>The Fn API endpoint as <c>host:port</c>, given to workers.</summary>
    /// <exception cref="InvalidOperationException">The server has not started.</exception>
    public string FnApiEndpoint => _fnApiEndpoint ?? throw new InvalidOperationException("The ReferenceRunner server has not started.");

    /// <summary>How many jobs the server keeps now (running and idle; see <see cref="ReferenceRunnerOptions.JobRetention"/>).</summary>
    public int JobCount => _jobs.Count;

    /// <summary>The SDK workers started and not yet stopped (for tests that stand in for a worker).</summary>
    internal SdkWorkerRegistry Workers => _workers;

    /// <summary>The absolute directory staged artifacts live under (one sub-directory per job).</summary>
    public string StagingDirectory => _store.Root;

    /// <summary>Starts both ports: the Fn API port first, then the job port.</summary>
    /// <returns>The job endpoint as <c>host:port</c>.</returns>
    public async Task<string> StartAsync(CancellationToken cancellationToken = default)
    {
        var fn = await _fnServer.StartAsync(cancellationToken).ConfigureAwait(false);
        _fnApiEndpoint = $"{fn.Host}:{fn.Port}";
        var job = await _jobServer.StartAsync(cancellationToken).ConfigureAwait(false);
        _jobEndpoint = $"{job.Host}:{job.Port}";
        return _jobEndpoint;
    }

    /// <summary>
    /// Stops accepting calls on the job port, cancels running jobs and waits (up to 10 s) for them to end,
    /// stops the Fn API port and deletes a temporary staging directory.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _jobServer.DisposeAsync().ConfigureAwait(false);
        var running = new List<Task>();
        foreach (var job in _jobs.All)
        {
            await job.Cancellation.CancelAsync().ConfigureAwait(false);
            if (job.Execution is { } execution)
            {
                running.Add(execution);
            }
        }

        try
        {
            await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(10), _options.TimeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A job that does not stop on cancellation must not hang shutdown.
        }

        await _fnServer.DisposeAsync().ConfigureAwait(false);
        _jobs.Dispose();
        _store.Dispose();
    }

    private IEnvironmentLauncher CreateLauncher(JobRecord job) =>
        new ProvisionedEnvironmentLauncher(
            new EnvironmentLauncher(FnApiEndpoint, _options.AllowProcessEnvironment, _loggerFactory, _options.TimeProvider),
            _workers, job.Options, job.Id, _options.RunnerCapabilities);

    // Prepare's translation: every problem of the pipeline (environments as this runner supports them), else the
    // fused pipeline the job keeps for Run.
    private (IReadOnlyList<ValidationProblem> Problems, FusedPipeline? Translation) Translate(Pipeline pipeline, Google.Protobuf.WellKnownTypes.Struct? pipelineOptions)
    {
        List<ValidationProblem> optionProblems = [.. new[] { DrainOption.Problem(pipelineOptions), MaxBundleAttemptsOption.Problem(pipelineOptions) }.OfType<ValidationProblem>()];
        if (optionProblems.Count > 0)
        {
            return (optionProblems, null);
        }

        var options = new TranslationOptions { AllowProcessEnvironment = _options.AllowProcessEnvironment, Drain = DrainOption.IsSet(pipelineOptions) };
        var problems = PipelineValidator.Validate(pipeline, options);
        return problems.Count > 0 ? (problems, null) : ([], PipelineFuser.Fuse(pipeline, options));
    }
}
