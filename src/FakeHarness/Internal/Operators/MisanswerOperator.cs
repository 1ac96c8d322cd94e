using BeamConformance.Model;

namespace BeamConformance.FakeHarness.Internal.Operators;

/// <summary>
/// <c>misanswer</c>: passes elements through and notes each integer value (of a KV, its value) for the bundle's
/// <c>metrics_every_type</c> answer (<see cref="Faults.Misanswer"/>); the other kinds act outside the operator.
/// </summary>
internal sealed class MisanswerOperator : Operator
{
    public MisanswerOperator(TransformNode node, BundleContext context, IReadOnlyDictionary<string, OutputPort> outputs)
        : base(node, context, outputs)
    {
    }

    protected override ValueTask OnProcessAsync(WindowedValue<object?> element)
    {
        if ((element.Value is KV kv ? kv.Value : element.Value) is long value)
        {
            Faults.Misanswer.Saw(Context.InstructionId, value);
        }

        return Single is { } output ? output.EmitAsync(element) : ValueTask.CompletedTask;
    }
}
