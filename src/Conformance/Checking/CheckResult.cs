namespace BeamConformance.Conformance.Checking;

/// <summary>The verdict of a check: passed, or the readable problems found.</summary>
/// <param name="Problems">One entry per problem (may be multi-line); empty when passed.</param>
public sealed record CheckResult(IReadOnlyList<string> Problems)
{
    /// <summary>A passing result.</summary>
    public static CheckResult Pass { get; } = new([]);

    /// <summary>Whether no problem was found.</summary>
    public bool Passed => Problems.Count == 0;

    /// <summary>All problems as one text.</summary>
    public string Diff => string.Join(Environment.NewLine, Problems);

    /// <summary>This result's problems followed by <paramref name="other"/>'s.</summary>
    public CheckResult And(CheckResult other) => other.Passed ? this : Passed ? other : new([.. Problems, .. other.Problems]);
}
