using BeamConformance.Model;

namespace BeamConformance.FakeHarness.Internal.Operators;

/// <summary><c>multi_output</c>: each element goes unchanged to every output whose route predicate holds.</summary>
internal sealed class MultiOutputOperator : Operator
{
    private readonly IReadOnlyList<(string Tag, Func<object?, bool> Predicate)> _routes;

    public MultiOutputOperator(TransformNode node, BundleContext context, IReadOnlyDictionary<string, OutputPort> outputs, IReadOnlyList<(string Tag, Func<object?, bool> Predicate)> routes)
        : base(node, context, outputs) => _routes = routes;

    protected override async ValueTask OnProcessAsync(WindowedValue<object?> element)
    {
        foreach (var (tag, predicate) in _routes)
        {
            if (predicate(element.Value) && Outputs.TryGetValue(tag, out var port))
            {
                await port.EmitAsync(element).ConfigureAwait(false);
            }
        }
    }
}
