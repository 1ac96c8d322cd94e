using BeamConformance.FakeHarness.Internal.Sdf;
using BeamConformance.Model;

namespace BeamConformance.FakeHarness.Internal.Operators;

/// <summary>
/// <c>beam:transform:sdf_pair_with_restriction:v1</c> of the test SDF: each element becomes
/// <c>KV(element, KV(KV(from, to), watermark state))</c>, its initial restriction. When the SDF reads a side input, an
/// element in several windows becomes one pair per window (as Java's <c>FnApiDoFnRunner</c> pairs a window-observing
/// splittable DoFn's element per window), so that Process reads each window's side input.
/// </summary>
internal sealed class PairWithRestrictionOperator(TransformNode node, BundleContext context, IReadOnlyDictionary<string, OutputPort> outputs, OffsetRangeSdf sdf)
    : Operator(node, context, outputs)
{
    protected override async ValueTask OnProcessAsync(WindowedValue<object?> element)
    {
        var restriction = sdf.InitialRestriction(element, $"transform '{Name}'");
        if (Single is not { } output)
        {
            return;
        }

        if (sdf.SideInput is null || element.Windows.Count <= 1)
        {
            await output.EmitAsync(element with { Value = new KV(element.Value, restriction) }).ConfigureAwait(false);
            return;
        }

        foreach (var window in element.Windows)
        {
            await output.EmitAsync(element with { Value = new KV(element.Value, restriction), Windows = [window] }).ConfigureAwait(false);
        }
    }
}
