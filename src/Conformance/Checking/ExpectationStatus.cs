namespace BeamConformance.Conformance.Checking;

/// <summary>The status of an entry of a per-runner expectations file.</summary>
public enum ExpectationStatus
{
    /// <summary><c>skip</c>: do not run the scenario.</summary>
    Skip,

    /// <summary><c>expected_fail</c>: run it and expect it not to conform.</summary>
    ExpectedFail,
}
