using BeamConformance.Conformance.Scenarios;

namespace BeamConformance.Conformance.Checking;

/// <summary>One entry of a per-runner expectations file.</summary>
/// <param name="Pattern">A scenario id, or <c>&lt;area&gt;/*</c> for a whole area.</param>
/// <param name="Status">Skip or expected failure.</param>
/// <param name="Reason">Why (shown in reports).</param>
/// <param name="Location">Where it is written.</param>
public sealed record ExpectationEntry(string Pattern, ExpectationStatus Status, string Reason, SourceLocation Location)
{
    /// <summary>Whether this entry applies to <paramref name="id"/>.</summary>
    public bool Matches(ScenarioId id) =>
        Pattern.EndsWith("/*", StringComparison.Ordinal) ? id.Area == Pattern[..^2] : id.Value == Pattern;
}
