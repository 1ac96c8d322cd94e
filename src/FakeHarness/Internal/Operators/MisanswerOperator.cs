using BeamConformance.Model;
using Google.Protobuf;

namespace BeamConformance.FakeHarness.Internal.Operators;

/// <summary>
/// <c>misanswer</c>: passes elements through and notes each integer value (of a KV, its value) for the bundle's
/// <c>metrics_every_type</c> answer (<see cref="Faults.Misanswer"/>); with a <c>state_KIND</c> kind it sends the faulty state
/// request KIND (<see cref="Faults.FaultyStateRequests"/>) at its first element. The other kinds act outside the operator.
/// </summary>
internal sealed class MisanswerOperator : Operator
{
    public MisanswerOperator(TransformNode node, BundleContext context, IReadOnlyDictionary<string, OutputPort> outputs)
        : base(node, context, outputs)
    {
    }

    private bool _stateAsked;

    protected override async ValueTask OnProcessAsync(WindowedValue<object?> element)
    {
        if ((element.Value is KV kv ? kv.Value : element.Value) is long value)
        {
            Faults.Misanswer.Saw(Context.InstructionId, value);
        }

        if (Context.Plan.Misanswers.Contains("worker_disconnects"))
        {
            Context.Session.Disconnect();
            await Task.Delay(Timeout.Infinite, Context.CancellationToken).ConfigureAwait(false);
        }

        if (!_stateAsked && Faults.Misanswer.StateRequestOf(Context.Plan.Misanswers) is { } kind)
        {
            // Not keyed: no key or window. The runner's error answer fails the bundle (HarnessException with the runner's reason).
            _stateAsked = true;
            await Faults.FaultyStateRequests.SendAsync(Context, kind, Faults.FaultSite.Of(Node, ByteString.Empty, ByteString.Empty)).ConfigureAwait(false);
        }

        if (Single is { } output)
        {
            await output.EmitAsync(element).ConfigureAwait(false);
        }
    }
}
