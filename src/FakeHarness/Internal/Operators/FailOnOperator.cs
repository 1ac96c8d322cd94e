using BeamConformance.FakeHarness.Internal.Functions;
using BeamConformance.Model;

namespace BeamConformance.FakeHarness.Internal.Operators;

/// <summary><c>fail_on</c>: passes elements through; fails the bundle on the first one matching the predicate.</summary>
internal sealed class FailOnOperator : Operator
{
    private readonly Func<object?, bool> _when;
    private readonly string _message;

    public FailOnOperator(TransformNode node, BundleContext context, IReadOnlyDictionary<string, OutputPort> outputs, Func<object?, bool> when, string message)
        : base(node, context, outputs)
    {
        _when = when;
        _message = message;
    }

    protected override ValueTask OnProcessAsync(WindowedValue<object?> element)
    {
        if (_when(element.Value))
        {
            throw new HarnessException($"{_message} (fail_on transform '{Name}' failed on element {JsonValues.Format(element.Value)})", Name);
        }

        return Single is { } output ? output.EmitAsync(element) : ValueTask.CompletedTask;
    }
}
