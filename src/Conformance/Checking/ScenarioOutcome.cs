namespace BeamConformance.Conformance.Checking;

/// <summary>A scenario's outcome once the runner's expectations file is applied (testdata/README.md, "Expectations files").</summary>
public enum ScenarioOutcome
{
    /// <summary>Ran and conformed; no expectation entry.</summary>
    Passed,

    /// <summary>Ran and did not conform, with no expectation entry: fails the run.</summary>
    Failed,

    /// <summary>Not run: the expectations file says skip.</summary>
    Skipped,

    /// <summary>Did not conform, as the expectations file says: does not fail the run.</summary>
    ExpectedFailure,

    /// <summary>Conformed although expected to fail: fails the run so the file is kept current.</summary>
    UnexpectedPass,
}
