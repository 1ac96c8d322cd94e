using BeamConformance.Model;

namespace BeamConformance.FakeHarness.Internal.Operators;

/// <summary>
/// <c>stall</c>: holds its bundle open (at its first element, or at finish when it saw none) until the worker is
/// stopped, which is what happens when the job is cancelled.
/// </summary>
internal sealed class StallOperator : Operator
{
    private bool _stalled;

    public StallOperator(TransformNode node, BundleContext context, IReadOnlyDictionary<string, OutputPort> outputs)
        : base(node, context, outputs)
    {
    }

    public override async ValueTask FinishAsync()
    {
        if (!_stalled)
        {
            _stalled = true;
            await Task.Delay(Timeout.Infinite, Context.CancellationToken).ConfigureAwait(false);
        }
    }

    protected override async ValueTask OnProcessAsync(WindowedValue<object?> element)
    {
        if (!_stalled)
        {
            _stalled = true;
            await Task.Delay(Timeout.Infinite, Context.CancellationToken).ConfigureAwait(false);
        }

        if (Single is { } output)
        {
            await output.EmitAsync(element).ConfigureAwait(false);
        }
    }
}
