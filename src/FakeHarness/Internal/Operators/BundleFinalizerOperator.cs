using BeamConformance.Model;

namespace BeamConformance.FakeHarness.Internal.Operators;

/// <summary>
/// <c>finalize_bundle</c>: passes elements through and, on the first element of a bundle that matches <c>when</c>
/// (every element when absent), registers a bundle finalization callback (Beam's <c>BundleFinalizer.afterBundleCommit</c>):
/// the bundle's ProcessBundleResponse then says <c>requires_finalization</c>, and the callback runs (and is recorded)
/// when the runner sends FinalizeBundleRequest for the instruction.
/// </summary>
internal sealed class BundleFinalizerOperator : Operator
{
    private readonly Func<object?, bool>? _when;
    private bool _registered;

    public BundleFinalizerOperator(TransformNode node, BundleContext context, IReadOnlyDictionary<string, OutputPort> outputs, Func<object?, bool>? when)
        : base(node, context, outputs)
    {
        _when = when;
    }

    protected override ValueTask OnProcessAsync(WindowedValue<object?> element)
    {
        if (!_registered && (_when is null || _when(element.Value)))
        {
            _registered = true;
            Context.RegisterFinalization(Node.Id);
        }

        return Single is { } output ? output.EmitAsync(element) : ValueTask.CompletedTask;
    }
}
