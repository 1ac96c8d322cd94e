using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Execution;

/// <summary>Everything <see cref="IJobExecutor"/> needs to run one job.</summary>
public sealed class JobRunContext
{
    /// <summary>The job id JobService gave at Prepare.</summary>
    public required string JobId { get; init; }

    /// <summary>The pipeline as submitted (<c>beam_runner_api.proto</c> Pipeline), already validated.</summary>
    public required Pipeline Pipeline { get; init; }

    /// <summary>
    /// <see cref="Pipeline"/> as Prepare translated it (<c>PipelineFuser.Fuse</c>): the executable stages and runner
    /// transforms the executor runs, without translating again.
    /// </summary>
    public required Translation.FusedPipeline Translation { get; init; }

    /// <summary>The job's pipeline options (PrepareJobRequest.pipeline_options).</summary>
    public required Struct PipelineOptions { get; init; }

    /// <summary>Starts and stops SDK workers for the pipeline's environments.</summary>
    public required IEnvironmentLauncher Environments { get; init; }

    /// <summary>Where job messages go (JobService GetMessageStream).</summary>
    public required IJobMessageSink Messages { get; init; }

    /// <summary>The job's metrics, read by JobService GetJobMetrics; the executor adds to it.</summary>
    public required JobMetrics Metrics { get; init; }

    /// <summary>Logging.</summary>
    public required ILoggerFactory LoggerFactory { get; init; }
}
