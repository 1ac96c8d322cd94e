using BeamConformance.Model;

namespace BeamConformance.FakeHarness.Internal.Operators;

/// <summary>Which per-element combine phase a <see cref="CombineValuesOperator"/> runs.</summary>
internal enum CombinePhase
{
    /// <summary><c>combine_per_key_merge_accumulators</c>: KV(key, iterable&lt;accumulator&gt;) → KV(key, accumulator).</summary>
    MergeAccumulators,

    /// <summary><c>combine_per_key_extract_outputs</c>: KV(key, accumulator) → KV(key, output).</summary>
    ExtractOutputs,

    /// <summary><c>combine_grouped_values</c>: KV(key, iterable&lt;input&gt;) → KV(key, output).</summary>
    GroupedValues,
}

/// <summary>
/// The per-element combine phases; each keeps the element's timestamp, windows and pane. An extract with no
/// output (min or max of nothing) emits nothing.
/// </summary>
internal sealed class CombineValuesOperator : Operator
{
    private readonly CombineFn _fn;
    private readonly CombinePhase _phase;

    public CombineValuesOperator(TransformNode node, BundleContext context, IReadOnlyDictionary<string, OutputPort> outputs, CombineFn fn, CombinePhase phase)
        : base(node, context, outputs)
    {
        _fn = fn;
        _phase = phase;
    }

    protected override async ValueTask OnProcessAsync(WindowedValue<object?> element)
    {
        if (element.Value is not KV kv)
        {
            throw new HarnessException($"transform '{Name}' expects KV elements, got {Functions.JsonValues.Format(element.Value)}", Name);
        }

        object? result;
        switch (_phase)
        {
            case CombinePhase.MergeAccumulators:
                result = _fn.Merge(Items(kv.Value));
                break;
            case CombinePhase.ExtractOutputs:
                if (!_fn.TryExtract(kv.Value, out result))
                {
                    return;
                }

                break;
            default:
                var accumulator = _fn.CreateAccumulator();
                foreach (var input in Items(kv.Value))
                {
                    accumulator = _fn.AddInput(accumulator, input);
                }

                if (!_fn.TryExtract(accumulator, out result))
                {
                    return;
                }

                break;
        }

        if (Single is { } output)
        {
            await EmitShapedAsync(output, element, new KV(kv.Key, result)).ConfigureAwait(false);
        }
    }

    private IEnumerable<object?> Items(object? value) =>
        value as IEnumerable<object?> ?? throw new HarnessException($"transform '{Name}' expects KV(key, iterable), got value {Functions.JsonValues.Format(value)}", Name);
}
