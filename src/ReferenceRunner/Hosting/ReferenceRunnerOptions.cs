using BeamConformance.ReferenceRunner.FnApi;

namespace BeamConformance.ReferenceRunner.Hosting;

/// <summary>How a <see cref="ReferenceRunnerServer"/> listens and what it allows.</summary>
public sealed class ReferenceRunnerOptions
{
    /// <summary>The address both ports bind to (default loopback <c>127.0.0.1</c>).</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>The job port (JobService, ArtifactStagingService); 0 picks a free port.</summary>
    public int JobPort { get; set; }

    /// <summary>The Fn API port (control, data, state, logging, provision, artifact retrieval); 0 picks a free port.</summary>
    public int FnApiPort { get; set; }

    /// <summary>
    /// Allows <c>beam:env:process:v1</c> environments. Off by default because such an environment makes the
    /// runner execute a command named by the submitted pipeline.
    /// </summary>
    public bool AllowProcessEnvironment { get; set; }

    /// <summary>
    /// The largest message the job port accepts, in bytes (default 512 MiB: real SDKs send PrepareJobRequests
    /// of tens of MB).
    /// </summary>
    public int MaxJobPortReceiveMessageBytes { get; set; } = 512 * 1024 * 1024;

    /// <summary>The largest message the Fn API port accepts, in bytes (default 64 MiB).</summary>
    public int MaxFnApiReceiveMessageBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>
    /// Where staged artifacts live: one sub-directory per job. Default: a fresh directory under the system's
    /// temporary directory, deleted when the server is disposed.
    /// </summary>
    public string? StagingDirectory { get; set; }

    /// <summary>
    /// How long one artifact staging stream (ReverseArtifactRetrievalService) may take from its first message to its
    /// last artifact (default 10 minutes). A stream past it ends with DEADLINE_EXCEEDED and its job turns FAILED, so a
    /// client that stops answering cannot hold a job forever.
    /// </summary>
    public TimeSpan StagingTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Which jobs no longer running are kept, with their staged files (default 1 hour and 1,000 jobs).</summary>
    public JobRetention JobRetention { get; set; } = JobRetention.Default;

    /// <summary>The size of each GetArtifact chunk, in bytes (default 1 MiB).</summary>
    public int ArtifactChunkBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// The <c>beam:protocol:*</c> URNs sent as ProvisionInfo.runner_capabilities (what the runner's Fn API side
    /// supports). Default: none.
    /// </summary>
    public IReadOnlyList<string> RunnerCapabilities { get; set; } = [];

    /// <summary>
    /// Limits of the Fn API services: the most bytes per <c>Elements.Data</c> chunk the runner sends and per State
    /// API page (both 1 MiB by default). The conformance suite's embedded runner uses small values so that its
    /// scenarios reach multi-page state reads and elements bigger than one chunk cheaply.
    /// </summary>
    public FnApiOptions FnApi { get; set; } = FnApiOptions.Default;

    /// <summary>
    /// The runner's one clock (default <see cref="TimeProvider.System"/>): it stamps job states and messages, ages jobs
    /// for <see cref="JobRetention"/>, times <see cref="StagingTimeout"/>, worker start/stop deadlines and the shutdown
    /// grace, and (through <see cref="ReferenceRunnerServer.CreateDefault"/>) is each job's processing-time clock and
    /// the worker connect timeout's. Tests pass a controllable one (e.g. <c>FakeTimeProvider</c>).
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
