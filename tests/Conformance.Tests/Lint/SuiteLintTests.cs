using BeamConformance.Conformance.Scenarios;
using BeamConformance.Conformance.Tests.Scenarios;

namespace BeamConformance.Conformance.Tests.Lint;

/// <summary>The suite lints itself: strict load, ids = paths and unique, tags registered and used, sinks checked.</summary>
[Trait("category", "lint")]
public sealed class SuiteLintTests
{
    private static readonly Lazy<IReadOnlyList<Scenario>> All = new(() =>
        [.. ScenarioLoader.Discover(TestData.ScenariosRoot).Select(f => ScenarioLoader.LoadFile(f.Path, f.Id))]);

    public static TheoryData<string> ScenarioIds() =>
        [.. ScenarioLoader.Discover(TestData.ScenariosRoot).Select(f => f.Id.Value)];

    [Theory]
    [MemberData(nameof(ScenarioIds))]
    public void Scenario_loads_strictly_with_its_path_as_id(string id)
    {
        var scenario = ScenarioLoader.LoadFile(Path.Combine(TestData.ScenariosRoot, id + ".yaml"), new ScenarioId(id));

        Assert.Equal(id, scenario.Id.Value);
    }

    [Theory]
    [MemberData(nameof(ScenarioIds))]
    public void Every_capture_is_checked_unless_a_failure_is_expected(string id)
    {
        var scenario = ScenarioLoader.LoadFile(Path.Combine(TestData.ScenariosRoot, id + ".yaml"));
        var captures = scenario.Pipeline.Transforms.Where(t => t.Urn == ScenarioUrns.Capture).Select(t => t.Name).ToHashSet();

        if (scenario.Expect.Failure is null)
        {
            Assert.Equal(captures.Order(), scenario.Expect.Outputs.Keys.Order());
        }
        else
        {
            Assert.Empty(scenario.Expect.Outputs);
        }
    }

    [Fact]
    public void Suite_has_at_least_200_scenarios_across_the_issue_areas()
    {
        Assert.True(All.Value.Count >= 200, $"{All.Value.Count} scenarios");
        Assert.Equal(
            ["combine", "flatten", "groupbykey", "impulse", "jobapi", "pardo", "prepare", "sideinputs", "splits", "state", "teststream", "timers", "triggers", "windowing"],
            All.Value.Select(s => s.Area).Distinct().Order(StringComparer.Ordinal));

        // Issue 14: at least 120 scenarios on triggers and TestStream, all in format version 2.
        var streaming = All.Value.Where(s => s.Area is "triggers" or "teststream").ToList();
        Assert.True(streaming.Count >= 120, $"{streaming.Count} trigger and TestStream scenarios");
        Assert.All(streaming, s => Assert.Equal(2, s.FormatVersion));
    }

    [Fact]
    public void Ids_are_unique_across_scenarios_and_selftests()
    {
        var ids = All.Value.Select(s => s.Id.Value).Concat(SelftestTests.Load().Select(s => s.Id.Value)).ToList();

        Assert.Empty(ids.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    [Fact]
    public void Every_tag_used_is_registered_and_every_registered_tag_is_used()
    {
        var registry = FeatureRegistry.LoadFile(Path.Combine(TestData.Root, "features.yaml"));
        var used = All.Value.SelectMany(s => s.Features).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(used.Except(registry.Features.Keys).Order());
        Assert.Empty(registry.Features.Keys.Except(used).Order());
    }

    [Fact]
    public void Every_expectations_file_loads_and_names_existing_scenarios()
    {
        var dir = Path.Combine(TestData.Root, "expectations");
        var ids = All.Value.Select(s => s.Id).ToList();
        var files = Directory.EnumerateFiles(dir, "*.yaml").ToList();

        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var expectations = Checking.RunnerExpectations.LoadFile(file);
            Assert.Equal(Path.GetFileNameWithoutExtension(file), expectations.Runner);
            Assert.Empty(expectations.Unmatched(ids).Select(e => $"{e.Location}: {e.Pattern}"));
        }
    }
}
