namespace BeamConformance.Protos.Adapters;

/// <summary>
/// A <c>WindowingStrategy</c>, <c>Trigger</c> or window fn message that the windowing model cannot hold: an unknown
/// trigger kind or enum value, a missing subtrigger, a payload that does not parse. Lists every problem found.
/// </summary>
public sealed class WindowingProtoException : FormatException
{
    /// <summary>Creates the exception for <paramref name="problems"/> (at least one).</summary>
    public WindowingProtoException(IReadOnlyList<WindowingProtoProblem> problems)
        : base(string.Join("; ", problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem, in field order.</summary>
    public IReadOnlyList<WindowingProtoProblem> Problems { get; }
}
