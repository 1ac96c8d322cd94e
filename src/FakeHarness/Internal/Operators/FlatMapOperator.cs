using BeamConformance.Model;

namespace BeamConformance.FakeHarness.Internal.Operators;

/// <summary>
/// map, flat_map, filter and key_by: a function from a value to 0..n values, each emitted with the element's
/// timestamp, windows and pane; computed values are shaped for the output coder.
/// </summary>
internal sealed class FlatMapOperator : Operator
{
    private readonly Func<object?, IEnumerable<object?>>? _fn;
    private readonly Func<object?, object?>? _map;
    private readonly bool _shape;

    public FlatMapOperator(TransformNode node, BundleContext context, IReadOnlyDictionary<string, OutputPort> outputs, Func<object?, IEnumerable<object?>> fn, bool shape)
        : base(node, context, outputs)
    {
        _fn = fn;
        _shape = shape;
    }

    /// <summary>A function with exactly one (shaped) output value per element: map and key_by, without a one-item collection per element.</summary>
    public FlatMapOperator(TransformNode node, BundleContext context, IReadOnlyDictionary<string, OutputPort> outputs, Func<object?, object?> map)
        : base(node, context, outputs)
    {
        _map = map;
        _shape = true;
    }

    protected override async ValueTask OnProcessAsync(WindowedValue<object?> element)
    {
        var output = Single;
        if (_map is not null)
        {
            var mapped = _map(element.Value);
            if (output is not null)
            {
                await EmitShapedAsync(output, element, mapped).ConfigureAwait(false);
            }

            return;
        }

        foreach (var value in _fn!(element.Value))
        {
            if (output is null)
            {
                continue;
            }

            if (_shape)
            {
                await EmitShapedAsync(output, element, value).ConfigureAwait(false);
            }
            else
            {
                await output.EmitAsync(element).ConfigureAwait(false);
            }
        }
    }
}
