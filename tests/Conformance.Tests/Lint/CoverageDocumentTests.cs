using BeamConformance.Conformance.Running;
using BeamConformance.Conformance.Tests.Scenarios;

namespace BeamConformance.Conformance.Tests.Lint;

/// <summary>testdata/COVERAGE.md is generated from features.yaml and the scenarios; a stale copy fails here.</summary>
[Trait("category", "lint")]
public sealed class CoverageDocumentTests
{
    [Fact]
    public void Committed_coverage_document_is_current()
    {
        var committed = File.ReadAllText(Path.Combine(TestData.Root, "COVERAGE.md")).ReplaceLineEndings("\n");

        var generated = CoverageDocument.Build(TestData.Root);

        Assert.True(committed == generated,
            $"testdata/COVERAGE.md is stale: regenerate it with `dotnet run --project src/Conformance -- coverage --write {CoverageDocument.RelativePath}`");
    }

    [Fact]
    public void Not_covered_lists_exactly_the_beam_categories_no_scenario_uses()
    {
        var text = CoverageDocument.Build(TestData.Root);
        var listed = text[text.IndexOf("## Not covered yet", StringComparison.Ordinal)..].Split('\n')
            .Where(l => l.StartsWith("- `", StringComparison.Ordinal)).Select(l => l[3..^1]).ToList();

        Assert.Contains("UsesSideInputsInTimer", listed);
        Assert.DoesNotContain("UsesImpulse", listed);
        Assert.DoesNotContain("UsesTestStream", listed);
        Assert.DoesNotContain("UsesSideInputs", listed);
        Assert.Equal(CoverageDocument.BeamCategories.Count, listed.Count + File.ReadAllText(Path.Combine(TestData.Root, "features.yaml"))
            .Split('\n').Count(l => CoverageDocument.BeamCategories.Any(c => l.Contains($"{{tag: {c},", StringComparison.Ordinal))));
    }
}
