using BeamConformance.Model;

namespace BeamConformance.FakeHarness.Internal.Operators;

/// <summary>
/// One transform of a fused stage, instantiated per bundle: it receives its main input's windowed values and
/// emits to its output ports (one per output tag). Operators of one bundle are driven by one task at a time.
/// </summary>
internal abstract class Operator
{
    protected Operator(TransformNode node, BundleContext context, IReadOnlyDictionary<string, OutputPort> outputs)
    {
        Node = node;
        Context = context;
        Outputs = outputs;
        Single = outputs.Count == 1 ? outputs.Values.First() : null;
    }

    public TransformNode Node { get; }

    public string Name => Node.Name;

    protected BundleContext Context { get; }

    protected IReadOnlyDictionary<string, OutputPort> Outputs { get; }

    /// <summary>The only output port (for single-output transforms); null when the transform has no output.</summary>
    protected OutputPort? Single { get; }

    /// <summary>Processes one element of the main input.</summary>
    /// <exception cref="HarnessException">The transform failed (names the transform).</exception>
    public async ValueTask ProcessAsync(WindowedValue<object?> element)
    {
        try
        {
            await OnProcessAsync(element).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not (HarnessException or OperationCanceledException))
        {
            throw new HarnessException($"transform '{Name}' failed on element {JsonValuesFormat(element.Value)}: {e.Message}", Name, e);
        }
    }

    /// <summary>Called once, after every element of the bundle, in topological order (producers first).</summary>
    public virtual ValueTask FinishAsync() => ValueTask.CompletedTask;

    protected abstract ValueTask OnProcessAsync(WindowedValue<object?> element);

    /// <summary>Emits <paramref name="value"/>, shaped for the port's coder, with the element's timestamp, windows and pane.</summary>
    protected ValueTask EmitShapedAsync(OutputPort port, WindowedValue<object?> element, object? value) =>
        port.EmitAsync(element with { Value = port.Shape(value, Name) });

    private static string JsonValuesFormat(object? value) => Functions.JsonValues.Format(value);
}
