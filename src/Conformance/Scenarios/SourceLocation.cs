namespace BeamConformance.Conformance.Scenarios;

/// <summary>A place in a scenario or expectations file, for error messages: 1-based line and column.</summary>
/// <param name="File">The file path as given to the loader.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
public readonly record struct SourceLocation(string File, long Line, long Column)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}:{Column}";
}
