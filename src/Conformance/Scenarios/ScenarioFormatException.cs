namespace BeamConformance.Conformance.Scenarios;

/// <summary>
/// A scenario or expectations file that does not follow format version 1: an unknown key, a missing
/// key, a value of the wrong type, a dangling reference. The message reads
/// <c>file:line:column: key 'k': what is wrong</c>.
/// </summary>
public sealed class ScenarioFormatException : Exception
{
    /// <summary>Creates the error for <paramref name="key"/> (may be null) at <paramref name="location"/>.</summary>
    public ScenarioFormatException(SourceLocation location, string? key, string problem)
        : base(key is null ? $"{location}: {problem}" : $"{location}: key '{key}': {problem}")
    {
        Location = location;
        Key = key;
        Problem = problem;
    }

    /// <summary>Where the problem is.</summary>
    public SourceLocation Location { get; }

    /// <summary>The key concerned, or null when the problem is not about one key.</summary>
    public string? Key { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }
}
