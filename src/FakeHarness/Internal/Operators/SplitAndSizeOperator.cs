using BeamConformance.FakeHarness.Internal.Sdf;
using BeamConformance.Model;

namespace BeamConformance.FakeHarness.Internal.Operators;

/// <summary>
/// <c>beam:transform:sdf_split_and_size_restrictions:v1</c> of the test SDF: each <c>KV(element, restriction)</c>
/// becomes one <c>KV(KV(element, piece), size)</c> per initial split, the size being the piece's offsets (a double).
/// </summary>
internal sealed class SplitAndSizeOperator(TransformNode node, BundleContext context, IReadOnlyDictionary<string, OutputPort> outputs, OffsetRangeSdf sdf)
    : Operator(node, context, outputs)
{
    protected override async ValueTask OnProcessAsync(WindowedValue<object?> element)
    {
        if (element.Value is not KV paired)
        {
            throw new HarnessException($"transform '{Name}': expected KV(element, restriction), got {Functions.JsonValues.Format(element.Value)}", Name);
        }

        foreach (var piece in sdf.InitialSplits((KV)paired.Value!))
        {
            var (from, to, _) = OffsetRangeSdf.Parts(piece);
            if (Single is { } output)
            {
                await output.EmitAsync(element with { Value = new KV(new KV(paired.Key, piece), (double)(to - from)) }).ConfigureAwait(false);
            }
        }
    }
}
