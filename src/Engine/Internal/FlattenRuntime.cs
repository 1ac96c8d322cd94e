namespace BeamConformance.Engine.Internal;

/// <summary>Runner-side Flatten: every element goes straight to the output.</summary>
internal sealed class FlattenRuntime(StageSpec spec) : StageRuntime(spec)
{
    public override void Accept(int inputIndex, Element element, EngineCore core) => core.Deliver(Spec.Outputs[0], element);
}
