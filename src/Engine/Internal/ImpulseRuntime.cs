using BeamConformance.Model;
using BeamConformance.Model.Windows;

namespace BeamConformance.Engine.Internal;

/// <summary>Impulse: emits one element (empty bytes, global window, min timestamp, no firing) at start; then its watermark is the max.</summary>
internal sealed class ImpulseRuntime(StageSpec spec) : StageRuntime(spec)
{
    private bool _emitted;

    public void Emit(EngineCore core)
    {
        if (_emitted)
        {
            return;
        }

        _emitted = true;
        core.Deliver(Spec.Outputs[0], new Element(Array.Empty<byte>(), BeamTime.MinTimestampMillis, GlobalWindow.Instance, PaneInfo.NoFiring));
    }

    public override long UpstreamWatermark(EngineCore core) => _emitted ? BeamTime.MaxTimestampMillis : BeamTime.MinTimestampMillis;

    public override void Accept(int inputIndex, Element element, EngineCore core) =>
        throw new InvalidOperationException($"ReferenceRunner bug: Impulse '{Id}' has no inputs");
}
