namespace BeamConformance.Conformance.Scenarios;

/// <summary>Where an expected failure happens.</summary>
public enum FailurePhase
{
    /// <summary>JobService.Prepare returns an error status.</summary>
    Prepare,

    /// <summary>The job runs and ends in a failed state.</summary>
    Run,
}
