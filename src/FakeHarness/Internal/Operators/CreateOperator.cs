using BeamConformance.Model;

namespace BeamConformance.FakeHarness.Internal.Operators;

/// <summary>
/// <c>create</c>: per input element (usually the Impulse's), emits every payload value in the input's windows and
/// pane, with the value's <c>timestamp_ms</c> when given, else the input's timestamp.
/// </summary>
internal sealed class CreateOperator : Operator
{
    private readonly IReadOnlyList<(object? Value, long? TimestampMillis)> _values;

    public CreateOperator(TransformNode node, BundleContext context, IReadOnlyDictionary<string, OutputPort> outputs, IReadOnlyList<(object? Value, long? TimestampMillis)> values)
        : base(node, context, outputs) => _values = values;

    protected override async ValueTask OnProcessAsync(WindowedValue<object?> element)
    {
        if (Single is not { } output)
        {
            return;
        }

        foreach (var (value, timestamp) in _values)
        {
            var stamped = timestamp is { } t ? element with { TimestampMillis = t } : element;
            await EmitShapedAsync(output, stamped, value).ConfigureAwait(false);
        }
    }
}
