using BeamConformance.FakeHarness.Internal.Functions;
using BeamConformance.Model;
using BeamConformance.Model.Coders;
using BeamConformance.Model.Windows;
using Google.Protobuf;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness.Internal.Operators;

/// <summary>
/// <c>read_side_inputs</c>: for each main element and each of its windows, maps the window to each side input's
/// window, reads the side input over the State API (iterable, multimap for the element as key, multimap keys),
/// and emits <c>KV(element, seen)</c> in that window to the side input's output. Reads are cached per bundle.
/// </summary>
internal sealed class ReadSideInputsOperator : Operator
{
    private readonly IReadOnlyList<SideInputSpec> _sides;
    private readonly Dictionary<(string Side, string Window, string Key), object?> _cache = [];

    public ReadSideInputsOperator(TransformNode node, BundleContext context, IReadOnlyDictionary<string, OutputPort> outputs, IReadOnlyList<SideInputSpec> sides)
        : base(node, context, outputs) => _sides = sides;

    protected override async ValueTask OnProcessAsync(WindowedValue<object?> element)
    {
        foreach (var window in element.Windows)
        {
            foreach (var side in _sides)
            {
                var where = $"transform '{Name}' side input '{side.Name}'";
                var sideWindow = side.WindowFn.MapSideWindow(window, where);
                var seen = await ReadAsync(side, sideWindow, element.Value, where).ConfigureAwait(false);
                if (Outputs.TryGetValue(side.Name, out var output))
                {
                    await EmitShapedAsync(output, element with { Windows = [window] }, new KV(element.Value, seen)).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task<object?> ReadAsync(SideInputSpec side, BoundedWindow sideWindow, object? mainValue, string where)
    {
        var windowBytes = side.WindowCoder.EncodeToArray(sideWindow, nested: false);
        byte[] keyBytes = [];
        Coder valueCoder = side.ElementCoder;
        if (side.View is SideInputView.Multimap or SideInputView.MultimapKeys)
        {
            if (DescriptorCoders.Logical(side.ElementCoder) is not KvCoder kv)
            {
                throw new HarnessException($"{where}: a {side.View} view needs a kv side PCollection, its coder is {side.ElementCoder}", Name);
            }

            if (side.View == SideInputView.Multimap)
            {
                keyBytes = kv.KeyCoder.EncodeToArray(ValueShapes.Shape(mainValue, kv.KeyCoder, where + " key"), nested: true);
                valueCoder = kv.ValueCoder;
            }
            else
            {
                valueCoder = kv.KeyCoder;
            }
        }

        var cacheKey = (side.Name, Convert.ToHexString(windowBytes), Convert.ToHexString(keyBytes));
        if (_cache.TryGetValue(cacheKey, out var cached))
        {
            return cached;
        }

        var stateKey = side.View switch
        {
            SideInputView.Multimap => new StateKey
            {
                MultimapSideInput = new StateKey.Types.MultimapSideInput
                {
                    TransformId = Node.Id, SideInputId = side.Name, Window = ByteString.CopyFrom(windowBytes), Key = ByteString.CopyFrom(keyBytes),
                },
            },
            SideInputView.MultimapKeys => new StateKey
            {
                MultimapKeysSideInput = new StateKey.Types.MultimapKeysSideInput { TransformId = Node.Id, SideInputId = side.Name, Window = ByteString.CopyFrom(windowBytes) },
            },
            _ => new StateKey
            {
                IterableSideInput = new StateKey.Types.IterableSideInput { TransformId = Node.Id, SideInputId = side.Name, Window = ByteString.CopyFrom(windowBytes) },
            },
        };
        var bytes = await Context.ReadStateAsync(stateKey, side.Name).ConfigureAwait(false);
        var values = BundleContext.DecodeAll(bytes, valueCoder, where);
        object? seen = values;
        if (side.View == SideInputView.Singleton)
        {
            seen = values.Length switch
            {
                1 => values[0],
                0 when side.HasDefault => ValueShapes.Shape(side.Default, side.ElementCoder, where + " default"),
                0 => throw new HarnessException($"{where}: singleton side input is empty in window {sideWindow} and has no default", Name),
                _ => throw new HarnessException($"{where}: singleton side input has {values.Length} values in window {sideWindow}", Name),
            };
        }

        _cache[cacheKey] = seen;
        return seen;
    }
}
