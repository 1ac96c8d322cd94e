using BeamConformance.FakeHarness.Internal.Sdf;
using BeamConformance.Model;

namespace BeamConformance.FakeHarness.Internal.Operators;

/// <summary>
/// <c>beam:transform:sdf_pair_with_restriction:v1</c> of the test SDF: each element becomes
/// <c>KV(element, KV(KV(from, to), watermark state))</c>, its initial restriction.
/// </summary>
internal sealed class PairWithRestrictionOperator(TransformNode node, BundleContext context, IReadOnlyDictionary<string, OutputPort> outputs, OffsetRangeSdf sdf)
    : Operator(node, context, outputs)
{
    protected override async ValueTask OnProcessAsync(WindowedValue<object?> element)
    {
        var restriction = sdf.InitialRestriction(element, $"transform '{Name}'");
        if (Single is { } output)
        {
            await output.EmitAsync(element with { Value = new KV(element.Value, restriction) }).ConfigureAwait(false);
        }
    }
}
