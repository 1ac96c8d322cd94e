using BeamConformance.Model;
using BeamConformance.Model.Coders;
using BeamConformance.Model.Windows;

namespace BeamConformance.FakeHarness.Internal.Operators;

/// <summary>
/// <c>beam:transform:combine_per_key_precombine:v1</c>: accumulates the bundle's <c>KV(key, input)</c> per window and
/// per encoded key, and at finish emits <c>KV(key, accumulator)</c> in that window, at the window's max timestamp.
/// </summary>
internal sealed class PrecombineOperator : Operator
{
    private readonly CombineFn _fn;
    private readonly Coder _keyCoder;
    private readonly Dictionary<(BoundedWindow Window, string Key), Slot> _table = [];
    private readonly List<(BoundedWindow Window, string Key)> _order = [];

    public PrecombineOperator(TransformNode node, BundleContext context, IReadOnlyDictionary<string, OutputPort> outputs, CombineFn fn, Coder keyCoder)
        : base(node, context, outputs)
    {
        _fn = fn;
        _keyCoder = keyCoder;
    }

    public override async ValueTask FinishAsync()
    {
        if (Single is not { } output)
        {
            return;
        }

        foreach (var id in _order)
        {
            var slot = _table[id];
            var value = output.Shape(new KV(slot.Key, slot.Accumulator), Name);
            await output.EmitAsync(new WindowedValue<object?>(value, id.Window.MaxTimestampMillis, [id.Window], PaneInfo.NoFiring)).ConfigureAwait(false);
        }
    }

    protected override ValueTask OnProcessAsync(WindowedValue<object?> element)
    {
        if (element.Value is not KV kv)
        {
            throw new HarnessException($"transform '{Name}' expects KV elements, got {Functions.JsonValues.Format(element.Value)}", Name);
        }

        var keyBytes = Convert.ToHexString(_keyCoder.EncodeToArray(kv.Key, nested: true));
        foreach (var window in element.Windows)
        {
            var id = (window, keyBytes);
            if (!_table.TryGetValue(id, out var slot))
            {
                slot = new Slot(kv.Key, _fn.CreateAccumulator());
                _table[id] = slot;
                _order.Add(id);
            }

            slot.Accumulator = _fn.AddInput(slot.Accumulator, kv.Value);
        }

        return ValueTask.CompletedTask;
    }

    private sealed class Slot(object? key, object? accumulator)
    {
        public object? Key { get; } = key;

        public object? Accumulator { get; set; } = accumulator;
    }
}
