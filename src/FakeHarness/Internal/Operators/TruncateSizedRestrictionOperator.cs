using BeamConformance.FakeHarness.Internal.Sdf;
using BeamConformance.Model;

namespace BeamConformance.FakeHarness.Internal.Operators;

/// <summary>
/// <c>beam:transform:sdf_truncate_sized_restrictions:v1</c> of the test SDF (a drained job): each
/// <c>KV(KV(element, restriction), size)</c> becomes <c>KV(KV(element, truncated), size of truncated)</c>, or nothing
/// when the truncated restriction is none (<see cref="OffsetRangeSdf.Truncate"/>).
/// </summary>
internal sealed class TruncateSizedRestrictionOperator(TransformNode node, BundleContext context, IReadOnlyDictionary<string, OutputPort> outputs)
    : Operator(node, context, outputs)
{
    protected override async ValueTask OnProcessAsync(WindowedValue<object?> element)
    {
        if (element.Value is not KV { Key: KV paired })
        {
            throw new HarnessException($"transform '{Name}': expected KV(KV(element, restriction), size), got {Functions.JsonValues.Format(element.Value)}", Name);
        }

        if (OffsetRangeSdf.Truncate(paired.Value) is { } truncated && Single is { } output)
        {
            var (from, to, _) = OffsetRangeSdf.Parts(truncated);
            await output.EmitAsync(element with { Value = new KV(new KV(paired.Key, truncated), (double)(to - from)) }).ConfigureAwait(false);
        }
    }
}
