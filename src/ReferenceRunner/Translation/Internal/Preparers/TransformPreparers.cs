using System.Collections.Frozen;
using BeamConformance.Model;
using Proto = Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Translation.Internal.Preparers;

/// <summary>
/// The registry of transform families by URN: the one list that says which transforms the runner runs, which it
/// leaves to an SDK, and how each is checked, planned and declared to the engine. A new family is one
/// <see cref="TransformPreparer"/> class added to <see cref="All"/>.
/// </summary>
internal static class TransformPreparers
{
    /// <summary>Every registered family. A URN registered twice fails the type's initialization (a ReferenceRunner bug).</summary>
    public static IReadOnlyList<TransformPreparer> All { get; } =
    [
        new ImpulsePreparer(),
        new FlattenPreparer(),
        new GroupByKeyPreparer(),
        new ReshufflePreparer(),
        new CombinePerKeyPreparer(),
        new TestStreamPreparer(),
        new ParDoPreparer(),
        new SplittablePartPreparer(),
        new SdkTransformPreparer("windowing", Model.Urns.Transforms.AssignWindows, Model.Urns.Transforms.MapWindows, Model.Urns.Transforms.MergeWindows),
        new SdkTransformPreparer("ToString", Model.Urns.Transforms.ToStringTransform),
        new SdkTransformPreparer(
            "combine components",
            Model.Urns.Transforms.CombinePerKeyPrecombine,
            Model.Urns.Transforms.CombinePerKeyMergeAccumulators,
            Model.Urns.Transforms.CombinePerKeyExtractOutputs,
            Model.Urns.Transforms.CombineGroupedValues,
            Model.Urns.Transforms.CombinePerKeyConvertToAccumulators),
    ];

    /// <summary>
    /// A leaf URN no family claims but the transform's environment lists among its <c>capabilities</c>: the SDK runs
    /// it (the checks of every SDK family), unless it starts with one of <see cref="RunnerOnlyPrefixes"/>.
    /// </summary>
    public static SdkTransformPreparer SdkCapability { get; } = new("an SDK capability");

    /// <summary>
    /// URN prefixes of transforms an SDK cannot run alone, whatever its capabilities say: the runner must take part
    /// (sources, views, splittable and batching primitives, runner-internal transforms); each is
    /// refused until a family for it is registered.
    /// </summary>
    public static IReadOnlyList<string> RunnerOnlyPrefixes { get; } =
    [
        BeamNames.Prefixes.Read, BeamNames.Prefixes.CreateView, BeamNames.Prefixes.SplittableParDo,
        BeamNames.Prefixes.GroupIntoBatches, BeamNames.Prefixes.PubSub, BeamNames.Prefixes.RunnerTransform,
    ];

    private static readonly FrozenDictionary<string, TransformPreparer> ByUrn =
        All.SelectMany(static p => p.Urns.Select(urn => KeyValuePair.Create(urn, p))).ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The family registered for <paramref name="urn"/>, or null.</summary>
    public static TransformPreparer? For(string urn) => ByUrn.GetValueOrDefault(urn);

    /// <summary>The leaf family registered for <paramref name="urn"/> (the parts a rewrite such as combiner lifting adds).</summary>
    /// <exception cref="InvalidOperationException">ReferenceRunner bug: no leaf family has that URN.</exception>
    public static LeafPreparer LeafFor(string urn) =>
        For(urn) as LeafPreparer ?? throw new InvalidOperationException($"ReferenceRunner bug: no leaf family is registered for '{urn}'");

    /// <summary>True when the SDK of the transform's environment runs the leaf <paramref name="urn"/> as one of its capabilities.</summary>
    public static bool IsSdkCapability(Proto.Components components, Proto.PTransform transform, string urn) =>
        urn.Length > 0
        && !RunnerOnlyPrefixes.Any(prefix => urn.StartsWith(prefix, StringComparison.Ordinal))
        && components.Environments.TryGetValue(transform.EnvironmentId, out var environment)
        && environment.Capabilities.Contains(urn);
}
