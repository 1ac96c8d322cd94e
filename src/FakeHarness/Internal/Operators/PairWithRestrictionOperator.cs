using BeamConformance.FakeHarness.Internal.Sdf;
using BeamConformance.Model;

namespace BeamConformance.FakeHarness.Internal.Operators;

/// <summary>
/// <c>beam:transform:sdf_pair_with_restriction:v1</c> of the test SDF: each element becomes
/// <c>KV(element, KV(KV(from, to), watermark state))</c>, its initial restriction. When the SDF reads a side input, an
/// element in several windows becomes one pair per window (as Java's <c>FnApiDoFnRunner</c> pairs the element of a
/// splittable DoFn with side inputs window by window), so that Process reads each window's side input; with
/// <see cref="OffsetRangeSdf.RestrictionReadsSideInput"/> the restriction is computed from the side input read in
/// that window (<paramref name="side"/>).
/// </summary>
internal sealed class PairWithRestrictionOperator(
    TransformNode node, BundleContext context, IReadOnlyDictionary<string, OutputPort> outputs, OffsetRangeSdf sdf, SideInputSpec? side)
    : Operator(node, context, outputs)
{
    private readonly SideInputReader _reader = new(context, node.Id, node.Name);

    protected override async ValueTask OnProcessAsync(WindowedValue<object?> element)
    {
        if (Single is not { } output)
        {
            return;
        }

        IEnumerable<WindowedValue<object?>> perWindow = sdf.SideInput is null || element.Windows.Count <= 1 ? [element] : element.Windows.Select(w => element with { Windows = [w] });
        foreach (var one in perWindow)
        {
            object? seen = null;
            if (sdf.RestrictionReadsSideInput && side is not null)
            {
                var where = $"transform '{Name}' side input '{side.Name}'";
                seen = await _reader.ReadAsync(side, side.WindowFn.MapSideWindow(one.Windows[0], where), one.Value, where).ConfigureAwait(false);
            }

            var restriction = sdf.InitialRestriction(one, seen, $"transform '{Name}'");
            await output.EmitAsync(one with { Value = new KV(one.Value, restriction) }).ConfigureAwait(false);
        }
    }
}
