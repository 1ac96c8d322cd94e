namespace BeamConformance.Conformance.Running;

/// <summary>What the <c>run</c> command was asked to do (its command-line options).</summary>
/// <param name="Endpoint">The job endpoint as given (<c>--endpoint</c>, else <c>BEAM_JOB_ENDPOINT</c>), or null for the embedded ReferenceRunner.</param>
/// <param name="EndpointOrigin">Where <paramref name="Endpoint"/> came from, named in errors (<c>--endpoint</c>, <c>BEAM_JOB_ENDPOINT</c>).</param>
/// <param name="Selection">Which scenarios to run.</param>
/// <param name="ExpectationsFile">The runner's expectations file, or null for none (every scenario must pass).</param>
/// <param name="Output">The folder the reports are written to.</param>
/// <param name="Timeout">Every scenario's deadline (<c>--timeout</c>), or null for each scenario's <c>timeout_ms</c>.</param>
/// <param name="FailFast">Stop after the first failure or unexpected pass (<c>--fail-fast</c>).</param>
/// <param name="WriteExpectations">Write an expectations file from the run's failures here (<c>--write-expectations</c>), or null.</param>
/// <param name="Trace">Print the Fn API traffic of the one selected scenario (<c>--trace</c>); the selection must match exactly one.</param>
public sealed record RunOptions(
    string? Endpoint,
    string EndpointOrigin,
    ScenarioSelection Selection,
    FileInfo? ExpectationsFile,
    DirectoryInfo Output,
    TimeSpan? Timeout = null,
    bool FailFast = false,
    bool Trace = false,
    FileInfo? WriteExpectations = null)
{
    /// <summary>How long the pre-flight GetJobs may take before the endpoint is reported as not answering.</summary>
    public TimeSpan PreflightTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
