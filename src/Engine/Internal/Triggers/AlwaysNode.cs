namespace BeamConformance.Engine.Internal.Triggers;

/// <summary>
/// <c>Trigger.Always</c>: ready as soon as the window got a value since its last firing, never finishes: the
/// <c>Repeatedly(ElementCount(1))</c> of the proto's comment (Python <c>Always</c>). Values arriving in one bundle
/// fire together, as every data-driven trigger does (Java evaluates triggers after each batch of input).
/// </summary>
internal sealed class AlwaysNode() : TriggerNode
{
    private bool _pending;

    public override void OnElement(in TriggerContext c) => _pending = true;

    public override void OnMerge(in TriggerContext c, IReadOnlyList<TriggerNode> sources) =>
        _pending = sources.Any(static s => ((AlwaysNode)s)._pending);

    public override bool ShouldFire(in TriggerContext c) => _pending;

    public override void OnFire(in TriggerContext c) => _pending = false;

    public override void Clear() => _pending = false;
}
