using BeamConformance.Model;

namespace BeamConformance.Engine.Internal;

/// <summary>The engine's live state of one stage: watermarks, holds and kind-specific pending work.</summary>
internal abstract class StageRuntime(StageSpec spec)
{
    public StageSpec Spec { get; } = spec;

    public StageId Id => Spec.Id;

    /// <summary>Min of the upstream output watermarks (ms); never goes back.</summary>
    public long InputWatermark { get; set; } = BeamTime.MinTimestampMillis;

    /// <summary>Min of the input watermark, pending element timestamps and holds (ms); never goes back.</summary>
    public long OutputWatermark { get; set; } = BeamTime.MinTimestampMillis;

    /// <summary>
    /// The stage's synchronized processing time (ms): the processing time, held back while an upstream stage (or this
    /// one) still has elements to process, so that it passes a processing time only once everything the upstream
    /// stages received before it has been delivered. Never goes back.
    /// </summary>
    public long SynchronizedProcessingTime { get; set; } = long.MinValue;

    /// <summary>Watermark holds of this stage (aggregation element holds today; timers and residuals later).</summary>
    public TimestampMultiset Holds { get; } = new();

    /// <summary>Elements received but not yet fully processed (pending and in flight).</summary>
    public virtual int PendingCount => 0;

    /// <summary>Smallest timestamp among <see cref="PendingCount"/> elements, or <see cref="long.MaxValue"/>.</summary>
    public virtual long PendingMin => long.MaxValue;

    /// <summary>A main-input element arrives.</summary>
    public abstract void Accept(int inputIndex, Element element, EngineCore core);

    /// <summary>The input watermark the upstream stages allow now.</summary>
    public virtual long UpstreamWatermark(EngineCore core)
    {
        var min = BeamTime.MaxTimestampMillis;
        foreach (var input in Spec.Inputs)
        {
            min = Math.Min(min, core.WatermarkOf(input));
        }

        return min;
    }

    /// <summary>Called on every refresh before the input watermark moves: new input is judged against the watermark it arrived under.</summary>
    public virtual void OnInputProcessed(EngineCore core)
    {
    }

    /// <summary>Called on every refresh after the input watermark was updated (aggregations fire here).</summary>
    public virtual void OnRefresh(EngineCore core)
    {
    }

    /// <summary>Extra state for the stuck dump; empty when nothing to say.</summary>
    public virtual string Describe(EngineCore core) => "";
}
