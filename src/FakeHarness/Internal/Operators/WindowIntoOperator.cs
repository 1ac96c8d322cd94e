using BeamConformance.Model;
using BeamConformance.Model.Windowing;

namespace BeamConformance.FakeHarness.Internal.Operators;

/// <summary><c>beam:transform:window_into:v1</c>: replaces each element's windows by the window fn's assignment of its timestamp.</summary>
internal sealed class WindowIntoOperator : Operator
{
    private readonly WindowFn _windowFn;

    public WindowIntoOperator(TransformNode node, BundleContext context, IReadOnlyDictionary<string, OutputPort> outputs, WindowFn windowFn)
        : base(node, context, outputs) => _windowFn = windowFn;

    protected override ValueTask OnProcessAsync(WindowedValue<object?> element) =>
        Single is { } output
            ? output.EmitAsync(element with { Windows = _windowFn.AssignWindows(element.TimestampMillis) })
            : ValueTask.CompletedTask;
}
