using BeamConformance.Model;

namespace BeamConformance.FakeHarness.Internal.Operators;

/// <summary>
/// <c>read_side_inputs</c>: for each main element and each of its windows, maps the window to each side input's
/// window, reads the side input over the State API (iterable, multimap for the element as key, multimap keys),
/// and emits <c>KV(element, seen)</c> in that window to the side input's output. Reads are cached per bundle
/// (<see cref="SideInputReader"/>).
/// </summary>
internal sealed class ReadSideInputsOperator : Operator
{
    private readonly IReadOnlyList<SideInputSpec> _sides;
    private readonly SideInputReader _reader;

    public ReadSideInputsOperator(TransformNode node, BundleContext context, IReadOnlyDictionary<string, OutputPort> outputs, IReadOnlyList<SideInputSpec> sides)
        : base(node, context, outputs)
    {
        _sides = sides;
        _reader = new SideInputReader(context, node.Id, Name);
    }

    protected override async ValueTask OnProcessAsync(WindowedValue<object?> element)
    {
        foreach (var window in element.Windows)
        {
            foreach (var side in _sides)
            {
                var where = $"transform '{Name}' side input '{side.Name}'";
                var sideWindow = side.WindowFn.MapSideWindow(window, where);
                var seen = await _reader.ReadAsync(side, sideWindow, element.Value, where).ConfigureAwait(false);
                if (Outputs.TryGetValue(side.Name, out var output))
                {
                    await EmitShapedAsync(output, element with { Windows = [window] }, new KV(element.Value, seen)).ConfigureAwait(false);
                }
            }
        }
    }
}
