using BeamConformance.Model;
using BeamConformance.Model.Windows;

namespace BeamConformance.Engine.Internal;

/// <summary>
/// Impulse: emits one element at start — an empty byte array, whose nested encoding (<c>beam:coder:bytes:v1</c>) is the
/// single byte 0x00 — in the global window at the min timestamp with no firing; then its watermark is the max.
/// </summary>
internal sealed class ImpulseRuntime(StageSpec spec) : StageRuntime(spec)
{
    private static readonly byte[] ImpulseBytes = [0x00];

    private bool _emitted;

    public void Emit(EngineCore core)
    {
        if (_emitted)
        {
            return;
        }

        _emitted = true;
        core.Deliver(Spec.Outputs[0], new Element(ImpulseBytes, BeamTime.MinTimestampMillis, GlobalWindow.Instance, PaneInfo.NoFiring));
    }

    public override long UpstreamWatermark(EngineCore core) => _emitted ? BeamTime.MaxTimestampMillis : BeamTime.MinTimestampMillis;

    public override void Accept(int inputIndex, Element element, EngineCore core) =>
        throw new InvalidOperationException($"ReferenceRunner bug: Impulse '{Id}' has no inputs");
}
