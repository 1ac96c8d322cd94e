using BeamConformance.Model;
using Google.Protobuf;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness.Internal.Operators;

/// <summary>
/// <c>inject_default</c> (the default-value branch of the <c>combine_globally</c> expansion): for each main element
/// (the expansion's own Impulse) and each of its windows, reads the combined PCollection as an iterable side input
/// over the State API and, when it holds no value in the mapped side window, emits the combine fn's result for an
/// empty input (sum 0, count 0, to_list [], mean NaN; min and max have none, so nothing is emitted) in that window
/// with the main element's timestamp and pane. A non-empty side input emits nothing: the suite flattens the
/// combined values with this transform's output, as Beam's Java SDK does for <c>Combine.globally</c>.
/// </summary>
internal sealed class InjectDefaultOperator : Operator
{
    private readonly SideInputSpec _side;
    private readonly CombineFn _fn;

    public InjectDefaultOperator(TransformNode node, BundleContext context, IReadOnlyDictionary<string, OutputPort> outputs, SideInputSpec side, CombineFn fn)
        : base(node, context, outputs)
    {
        _side = side;
        _fn = fn;
    }

    protected override async ValueTask OnProcessAsync(WindowedValue<object?> element)
    {
        var where = $"transform '{Name}' side input '{_side.Name}'";
        foreach (var window in element.Windows)
        {
            var sideWindow = _side.WindowFn.MapSideWindow(window, where);
            var key = new StateKey
            {
                IterableSideInput = new StateKey.Types.IterableSideInput
                {
                    TransformId = Node.Id,
                    SideInputId = _side.Name,
                    Window = ByteString.CopyFrom(_side.WindowCoder.EncodeToArray(sideWindow, nested: false)),
                },
            };
            var bytes = await Context.ReadStateAsync(key, _side.Name).ConfigureAwait(false);
            var seen = BundleContext.DecodeAll(bytes, _side.ElementCoder, where);
            if (seen.Length == 0 && Single is { } output && _fn.TryExtract(_fn.CreateAccumulator(), out var empty))
            {
                await EmitShapedAsync(output, element with { Windows = [window] }, empty).ConfigureAwait(false);
            }
        }
    }
}
