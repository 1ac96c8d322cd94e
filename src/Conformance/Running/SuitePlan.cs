using BeamConformance.Conformance.Checking;
using BeamConformance.Conformance.Scenarios;

namespace BeamConformance.Conformance.Running;

/// <summary>
/// The scenarios a run will check, loaded and validated before anything starts, so that nothing passes silently
/// (README.md, "What a run guarantees"): every feature tag is registered, every expectations entry names a
/// scenario, and the selection matches at least one scenario.
/// </summary>
/// <param name="All">Every scenario of the suite, in id order: the loaded scenario, or why its file does not load.</param>
/// <param name="Selected">The selected ones, in id order.</param>
/// <param name="Registry">The feature registry.</param>
public sealed record SuitePlan(
    IReadOnlyList<(ScenarioId Id, Scenario? Scenario, string? LoadError)> All,
    IReadOnlyList<(ScenarioId Id, Scenario? Scenario, string? LoadError)> Selected,
    FeatureRegistry Registry)
{
    /// <summary>Loads <c>testdata/</c> and applies <paramref name="selection"/> and <paramref name="expectations"/>.</summary>
    /// <param name="testDataRoot">The <c>testdata</c> folder (holding <c>scenarios/</c> and <c>features.yaml</c>).</param>
    /// <param name="selection">Which scenarios to run.</param>
    /// <param name="expectations">The runner's expectations; each entry must match a scenario of the suite.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="SuiteUsageException">An unregistered feature tag (in a filter or a scenario), an entry that
    /// matches no scenario, or a selection that matches nothing.</exception>
    public static SuitePlan Create(string testDataRoot, ScenarioSelection selection, RunnerExpectations expectations)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(expectations);
        var featuresFile = Path.Combine(testDataRoot, "features.yaml");
        FeatureRegistry registry;
        try
        {
            registry = FeatureRegistry.LoadFile(featuresFile);
        }
        catch (Exception e) when (e is IOException or ScenarioFormatException)
        {
            throw new SuiteUsageException($"the feature registry {featuresFile} does not load: {e.Message}", e);
        }

        if (selection.Features.FirstOrDefault(f => !registry.Features.ContainsKey(f)) is { } unknown)
        {
            throw new SuiteUsageException($"--feature {unknown}: not a feature tag of testdata/features.yaml (`list --features` shows them)");
        }

        var all = new List<(ScenarioId, Scenario?, string?)>();
        foreach (var (id, path) in ScenarioLoader.Discover(Path.Combine(testDataRoot, "scenarios")))
        {
            try
            {
                var scenario = ScenarioLoader.LoadFile(path, id);
                if (scenario.Features.FirstOrDefault(f => !registry.Features.ContainsKey(f)) is { } tag)
                {
                    throw new SuiteUsageException($"{path}: feature tag '{tag}' is not registered in {featuresFile}");
                }

                all.Add((id, scenario, null));
            }
            catch (ScenarioFormatException e)
            {
                all.Add((id, null, $"does not load: {e.Message}"));
            }
        }

        var stale = expectations.Unmatched(all.Select(s => s.Item1));
        if (stale.Count > 0)
        {
            throw new SuiteUsageException(string.Join(Environment.NewLine, stale.Select(e =>
                $"{e.Location}: expectations entry '{e.Pattern}' matches no scenario; remove it or fix the id")));
        }

        var selected = all.Where(s => selection.Matches(s.Item1, s.Item2?.Features)).ToList();
        if (selected.Count == 0)
        {
            throw new SuiteUsageException($"{selection} matches none of the {all.Count} scenarios (`list` shows them)");
        }

        return new SuitePlan(all, selected, registry);
    }
}
