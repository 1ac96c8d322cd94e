namespace BeamConformance.Conformance.Running.Internal;

/// <summary>Where one scenario run is, so that a failure can say which Job API call broke and which job to cancel.</summary>
internal sealed class RunProgress
{
    /// <summary>The Job API call in progress, e.g. <c>Prepare</c>.</summary>
    public string Step { get; set; } = "building the pipeline";

    /// <summary>The job id once Run answered, else null.</summary>
    public string? JobId { get; set; }
}
