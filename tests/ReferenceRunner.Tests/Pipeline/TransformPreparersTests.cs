using BeamConformance.ReferenceRunner.Translation.Internal.Preparers;

namespace BeamConformance.ReferenceRunner.Tests.Translation;

/// <summary>The registry of transform families by URN (Translation/Internal/Preparers).</summary>
public sealed class TransformPreparersTests
{
    public static TheoryData<string, string, string> Families => new()
    {
        // Runner-side primitives.
        { "beam:transform:impulse:v1", "Impulse", "runner" },
        { "beam:transform:teststream:v1", "TestStream", "runner" },
        { "beam:transform:flatten:v1", "Flatten", "runner" },
        { "beam:transform:group_by_key:v1", "GroupByKey", "runner" },
        // Reshuffle and both redistributes share one family.
        { "beam:transform:reshuffle:v1", "Reshuffle", "runner" },
        { "beam:transform:redistribute_by_key:v1", "Reshuffle", "runner" },
        { "beam:transform:redistribute_arbitrarily:v1", "Reshuffle", "runner" },
        // A rewrite, never a leaf itself.
        { "beam:transform:combine_per_key:v1", "CombinePerKey", "rewrite" },
        // SDK families.
        { "beam:transform:pardo:v1", "ParDo", "sdk" },
        { "beam:transform:window_into:v1", "windowing", "sdk" },
        { "beam:transform:combine_per_key_precombine:v1", "combine components", "sdk" },
        // Not registered: unknown URNs have no family.
        { "beam:transform:made_up:v1", "", "" },
    };

    [Theory]
    [MemberData(nameof(Families))]
    public void Each_urn_has_its_family(string urn, string family, string runsIn)
    {
        var preparer = TransformPreparers.For(urn);

        Assert.Equal(family, preparer?.Family ?? "");
        Assert.Equal(runsIn, preparer switch
        {
            null => "",
            LeafPreparer { RunsInSdk: true } => "sdk",
            LeafPreparer => "runner",
            _ => "rewrite",
        });
    }

    [Fact]
    public void No_urn_is_registered_twice_and_only_the_splittable_parts_are_runner_only()
    {
        var urns = TransformPreparers.All.SelectMany(static p => p.Urns).ToList();

        Assert.Equal(urns.Count, urns.Distinct(StringComparer.Ordinal).Count());
        // The splittable parts run in the SDK, but only as the runner's expansion (the runner splits their bundles):
        // the prefix keeps an SDK capability from claiming other sdf_ URNs.
        Assert.Equal(
            ["beam:transform:sdf_pair_with_restriction:v1", "beam:transform:sdf_process_sized_element_and_restrictions:v1", "beam:transform:sdf_split_and_size_restrictions:v1", "beam:transform:sdf_truncate_sized_restrictions:v1"],
            urns.Where(urn => TransformPreparers.RunnerOnlyPrefixes.Any(prefix => urn.StartsWith(prefix, StringComparison.Ordinal))).Order(StringComparer.Ordinal));
    }
}
