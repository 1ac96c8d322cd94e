using BeamConformance.Conformance.Scenarios;

namespace BeamConformance.Conformance.Running;

/// <summary>
/// Which scenarios to run or list: every given kind of filter must match (and), any value within a kind may match (or).
/// Empty lists and a null <see cref="IdContains"/> select everything.
/// </summary>
/// <param name="IdContains">A substring of the id (ordinal), or null.</param>
/// <param name="Areas">Areas (the id's first segment, exact), e.g. <c>windowing</c>.</param>
/// <param name="Features">Feature tags (exact, registered in <c>features.yaml</c>), e.g. <c>UsesSessionWindows</c>.</param>
public sealed record ScenarioSelection(string? IdContains, IReadOnlyList<string> Areas, IReadOnlyList<string> Features)
{
    /// <summary>Selects every scenario.</summary>
    public static ScenarioSelection All { get; } = new(null, [], []);

    /// <summary>Whether any filter is given.</summary>
    public bool IsFiltered => IdContains is not null || Areas.Count > 0 || Features.Count > 0;

    /// <summary>Whether the scenario <paramref name="id"/> with <paramref name="features"/> (null: unknown, it did not load) is selected.</summary>
    public bool Matches(ScenarioId id, IReadOnlyList<string>? features) =>
        (IdContains is null || id.Value.Contains(IdContains, StringComparison.Ordinal))
        && (Areas.Count == 0 || Areas.Contains(id.Area, StringComparer.Ordinal))
        && (Features.Count == 0 || (features is not null && features.Any(f => Features.Contains(f, StringComparer.Ordinal))));

    /// <summary>The filters as the user gave them, e.g. <c>--area windowing --feature UsesSessionWindows</c>.</summary>
    public override string ToString() =>
        string.Join(" ", (IdContains is null ? [] : new[] { $"--filter {IdContains}" })
            .Concat(Areas.Select(a => $"--area {a}")).Concat(Features.Select(f => $"--feature {f}")));
}
