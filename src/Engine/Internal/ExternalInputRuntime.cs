using BeamConformance.Model;

namespace BeamConformance.Engine.Internal;

/// <summary>A source driven by the runner: injected elements go straight out; the watermark is what the runner set.</summary>
internal sealed class ExternalInputRuntime(StageSpec spec) : StageRuntime(spec)
{
    public long SourceWatermark { get; private set; } = BeamTime.MinTimestampMillis;

    public void Advance(long millis)
    {
        if (millis < SourceWatermark)
        {
            throw new ArgumentOutOfRangeException(nameof(millis), $"external input '{Id}': watermark cannot go back from {BeamTime.Format(SourceWatermark)} to {BeamTime.Format(millis)}");
        }

        SourceWatermark = BeamTime.Clamp(millis);
    }

    public override long UpstreamWatermark(EngineCore core) => SourceWatermark;

    public override void Accept(int inputIndex, Element element, EngineCore core) =>
        throw new InvalidOperationException($"ReferenceRunner bug: external input '{Id}' has no inputs");
}
