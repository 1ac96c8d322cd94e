using Proto = Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Translation.Internal.Preparers;

/// <summary>
/// The parts of an expanded splittable DoFn (<see cref="SplittableExpander"/>), run by the SDK with the original
/// <c>ParDoPayload</c>: <c>beam:transform:sdf_pair_with_restriction:v1</c>,
/// <c>beam:transform:sdf_split_and_size_restrictions:v1</c>, <c>beam:transform:sdf_truncate_sized_restrictions:v1</c>
/// (drained jobs) and <c>beam:transform:sdf_process_sized_element_and_restrictions:v1</c>. The payload's features are checked once, on
/// the Process part; Process starts its own stage, so that the runner's split requests address its data input.
/// Submitted as leaves by an SDK (already expanded), they are accepted the same way.
/// </summary>
internal sealed class SplittablePartPreparer() : ParDoPreparer(
    "splittable ParDo parts",
    Model.Urns.Transforms.PairWithRestriction,
    Model.Urns.Transforms.SplitAndSizeRestrictions,
    Model.Urns.Transforms.TruncateSizedRestrictions,
    Model.Urns.Transforms.ProcessSizedElementsAndRestrictions)
{
    /// <summary>True for the Process part.</summary>
    public static bool IsProcess(Proto.PTransform transform) =>
        transform.Spec?.Urn == Model.Urns.Transforms.ProcessSizedElementsAndRestrictions;

    /// <inheritdoc />
    public override bool StartsOwnStage(Leaf leaf) => IsProcess(leaf.Transform) || base.StartsOwnStage(leaf);

    /// <inheritdoc />
    protected override bool ChecksPayload(Leaf leaf) => IsProcess(leaf.Transform);
}
