using System.Globalization;
using System.Text;

namespace BeamConformance.Conformance.Running;

/// <summary>
/// The suite's coverage, generated from <c>testdata/features.yaml</c> and the scenarios (never hand-kept): per area the
/// scenario count and feature tags, per registered feature tag its origin, description and scenarios, and the Beam
/// ValidatesRunner categories (<c>org.apache.beam.sdk.testing.Uses*</c>) that no scenario is tagged with yet.
/// Committed as <c>testdata/COVERAGE.md</c>; a lint test fails when that file is stale.
/// </summary>
public static class CoverageDocument
{
    /// <summary>The committed file's path under the repository root.</summary>
    public const string RelativePath = "testdata/COVERAGE.md";

    /// <summary>
    /// Beam's ValidatesRunner categories a portable runner implements or not (Java SDK <c>org.apache.beam.sdk.testing</c>;
    /// categories about IO services, expansion services and KMS are left out: they are not runner capabilities).
    /// </summary>
    public static IReadOnlyList<string> BeamCategories { get; } =
    [
        "FlattenWithHeterogeneousCoders", "UsesAttemptedMetrics", "UsesBoundedSplittableParDo", "UsesBundleFinalizer",
        "UsesCommittedMetrics", "UsesCounterMetrics", "UsesCustomWindowMerging", "UsesDistributionMetrics", "UsesFailureMessage",
        "UsesGaugeMetrics", "UsesImpulse", "UsesKeyInParDo", "UsesLoopingTimer", "UsesMapState", "UsesMultimapState",
        "UsesOnWindowExpiration", "UsesOrderedListState", "UsesParDoLifecycle", "UsesPerKeyOrderInBundle", "UsesPerKeyOrderedDelivery",
        "UsesProcessingTimeTimers", "UsesRequiresTimeSortedInput", "UsesSetState", "UsesSideInputs", "UsesSideInputsInTimer",
        "UsesSideInputsWithDifferentCoders", "UsesSplittableParDo", "UsesSplittableParDoWithWindowedSideInputs", "UsesStatefulParDo",
        "UsesStrictTimerOrdering", "UsesTestStream", "UsesTestStreamWithMultipleStages", "UsesTestStreamWithOutputTimestamp",
        "UsesTestStreamWithProcessingTime", "UsesTimerMap", "UsesTimersInParDo", "UsesTriggeredSideInputs", "UsesUnboundedPCollections",
    ];

    /// <summary>The Markdown text (LF line endings) for the suite under <paramref name="testDataRoot"/>.</summary>
    /// <exception cref="SuiteUsageException">The suite does not load (see <see cref="SuitePlan.Create"/>).</exception>
    public static string Build(string testDataRoot)
    {
        var plan = SuitePlan.Create(testDataRoot, ScenarioSelection.All, Checking.RunnerExpectations.None);
        var scenarios = plan.All.Where(s => s.Scenario is not null).Select(s => s.Scenario!).ToList();
        var md = new StringBuilder();
        md.Append("# What the suite covers\n\n");
        md.Append("<!-- Generated from testdata/features.yaml and testdata/scenarios by\n");
        md.Append("     `dotnet run --project src/Conformance -- coverage --write testdata/COVERAGE.md`; do not edit by hand.\n");
        md.Append("     A lint test (CoverageDocumentTests) fails when this file is stale. -->\n\n");
        md.Append(CultureInfo.InvariantCulture, $"{scenarios.Count} scenarios in {scenarios.Select(s => s.Area).Distinct(StringComparer.Ordinal).Count()} areas, {plan.Registry.Features.Count} feature tags.\n\n");
        md.Append("## By area\n\n| area | scenarios | feature tags |\n| --- | ---: | --- |\n");
        foreach (var area in scenarios.GroupBy(s => s.Area, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var tags = area.SelectMany(s => s.Features).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            md.Append(CultureInfo.InvariantCulture, $"| {area.Key} | {area.Count()} | {string.Join(", ", tags)} |\n");
        }

        md.Append("\n## By feature tag\n\nOrigin `beam`: a Beam ValidatesRunner category or `beam:requirement:*` URN; `beamconformance`: ours.\n\n");
        md.Append("| tag | origin | scenarios | what |\n| --- | --- | ---: | --- |\n");
        foreach (var (tag, (origin, description)) in plan.Registry.Features.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var count = scenarios.Count(s => s.Features.Contains(tag, StringComparer.Ordinal));
            md.Append(CultureInfo.InvariantCulture, $"| `{tag}` | {origin} | {count} | {description.Replace("|", "\\|", StringComparison.Ordinal)} |\n");
        }

        var used = scenarios.SelectMany(s => s.Features).ToHashSet(StringComparer.Ordinal);
        var missing = BeamCategories.Where(c => !used.Contains(c)).Order(StringComparer.Ordinal).ToList();
        md.Append("\n## Not covered yet\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Beam ValidatesRunner categories that no scenario is tagged with ({missing.Count} of {BeamCategories.Count}):\n\n");
        foreach (var category in missing)
        {
            md.Append(CultureInfo.InvariantCulture, $"- `{category}`\n");
        }

        return md.ToString();
    }
}
