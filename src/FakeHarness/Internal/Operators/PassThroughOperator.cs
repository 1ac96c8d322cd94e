using BeamConformance.Model;

namespace BeamConformance.FakeHarness.Internal.Operators;

/// <summary><c>beam:transform:flatten:v1</c> inside a stage: every input element goes to the one output.</summary>
internal sealed class PassThroughOperator : Operator
{
    public PassThroughOperator(TransformNode node, BundleContext context, IReadOnlyDictionary<string, OutputPort> outputs)
        : base(node, context, outputs)
    {
    }

    protected override ValueTask OnProcessAsync(WindowedValue<object?> element) =>
        Single is { } output ? output.EmitAsync(element) : ValueTask.CompletedTask;
}
