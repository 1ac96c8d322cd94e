using BeamConformance.Model;

namespace BeamConformance.Engine.Internal;

/// <summary>
/// Describes the next pane of a window (Java <c>PaneInfoTracker</c>): first when no pane fired before;
/// index counts all panes, on-time index counts non-early panes (-1 for early ones); LATE once a non-early
/// pane fired or when the window's end is behind the output watermark, ON_TIME when the input watermark
/// passed the window's end, else EARLY; last when the trigger finished or the window is being collected.
/// </summary>
internal static class PaneTracker
{
    public static PaneInfo Next(PaneInfo? previous, long windowMaxTimestamp, long inputWatermark, long outputWatermark, bool isFinal)
    {
        var lateForOutput = windowMaxTimestamp < outputWatermark;
        var onlyEarlySoFar = previous is null || previous.Value.Timing == PaneTiming.Early;
        PaneTiming timing;
        if (lateForOutput || !onlyEarlySoFar)
        {
            timing = PaneTiming.Late;
        }
        else if (inputWatermark > windowMaxTimestamp)
        {
            timing = PaneTiming.OnTime;
        }
        else
        {
            timing = PaneTiming.Early;
        }

        var index = previous is null ? 0 : previous.Value.Index + 1;
        long onTimeIndex = timing == PaneTiming.Early ? -1 : previous is null || previous.Value.OnTimeIndex < 0 ? 0 : previous.Value.OnTimeIndex + 1;
        return new PaneInfo(previous is null, isFinal, timing, index, onTimeIndex);
    }
}
