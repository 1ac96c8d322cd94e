using Google.Protobuf.WellKnownTypes;
using BeamConformance.ReferenceRunner.Execution;
using BeamConformance.ReferenceRunner.Translation;
using Org.Apache.Beam.Model.JobManagement.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Jobs.Internal;

/// <summary>
/// One job from Prepare on. Its id is the preparation id (Run returns the same string as job_id), the
/// staging session token, and the retrieval token. States: STOPPED after Prepare; STARTING at Run;
/// RUNNING while the executor runs; then DONE, FAILED, or CANCELLING → CANCELLED.
/// </summary>
internal sealed class JobRecord
{
    private readonly object _gate = new();
    private Pipeline _pipeline;
    private FusedPipeline _translation;

    public JobRecord(string id, long sequence, string name, Pipeline pipeline, FusedPipeline translation, Struct options, JobEventLog events, JobMetrics metrics)
    {
        Id = id;
        Sequence = sequence;
        Name = name;
        _pipeline = pipeline;
        _translation = translation;
        Options = options;
        Events = events;
        Metrics = metrics;
    }

    /// <summary>Preparation id = job id = staging token = retrieval token.</summary>
    public string Id { get; }

    /// <summary>Orders jobs by creation.</summary>
    public long Sequence { get; }

    /// <summary>PrepareJobRequest.job_name.</summary>
    public string Name { get; }

    /// <summary>PrepareJobRequest.pipeline_options.</summary>
    public Struct Options { get; }

    /// <summary>States and messages.</summary>
    public JobEventLog Events { get; }

    /// <summary>Attempted and committed metrics (filled by the executor).</summary>
    public JobMetrics Metrics { get; }

    /// <summary>Cancels the executor (Cancel).</summary>
    public CancellationTokenSource Cancellation { get; } = new();

    /// <summary>The pipeline: as submitted until staging ends, then with dependencies rewritten to staged files.</summary>
    public Pipeline Pipeline
    {
        get
        {
            lock (_gate)
            {
                return _pipeline;
            }
        }
    }

    /// <summary>The pipeline as Prepare translated it (its descriptors with the staged environments once staging ended); Run uses it as is.</summary>
    public FusedPipeline Translation
    {
        get
        {
            lock (_gate)
            {
                return _translation;
            }
        }
    }

    /// <summary>True once artifact staging ended successfully.</summary>
    public bool IsStaged { get; private set; }

    /// <summary>True while a staging stream for this job is open.</summary>
    public bool IsStaging { get; private set; }

    /// <summary>True once Run was accepted.</summary>
    public bool IsRunRequested { get; private set; }

    /// <summary>The executor's task once running.</summary>
    public Task? Execution { get; set; }

    /// <summary>Claims the staging session; false when staging is under way or over, or the job already runs.</summary>
    public bool TryBeginStaging()
    {
        lock (_gate)
        {
            if (IsStaging || IsStaged || IsRunRequested)
            {
                return false;
            }

            IsStaging = true;
            return true;
        }
    }

    /// <summary>Ends the staging session; with a pipeline, staging succeeded and the pipeline is replaced.</summary>
    public void EndStaging(Pipeline? staged)
    {
        lock (_gate)
        {
            IsStaging = false;
            if (staged is not null)
            {
                _pipeline = staged;
                _translation = _translation.WithStagedPipeline(staged);
                IsStaged = true;
            }
        }
    }

    /// <summary>Claims Run; returns why not, or null when claimed.</summary>
    public string? TryClaimRun()
    {
        lock (_gate)
        {
            if (IsRunRequested)
            {
                return $"job {Id} was already run (state {Events.State})";
            }

            if (Events.IsTerminal)
            {
                return $"job {Id} is {Events.State}";
            }

            if (!IsStaged)
            {
                return IsStaging
                    ? $"job {Id}: artifact staging has not finished (the runner ends the ReverseArtifactRetrievalService stream when it has)"
                    : $"job {Id} is not staged: stage its artifacts through ArtifactStagingService.ReverseArtifactRetrievalService with staging token {Id} first";
            }

            IsRunRequested = true;
            return null;
        }
    }
}
