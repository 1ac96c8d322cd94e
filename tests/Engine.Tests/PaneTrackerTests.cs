using BeamConformance.Engine.Internal;
using BeamConformance.Model;

namespace BeamConformance.Engine.Tests;

/// <summary>The pane rule (Java PaneInfoTracker) for window [0,10) (max timestamp 9), including the EARLY panes later triggers fire.</summary>
public sealed class PaneTrackerTests
{
    private static readonly PaneInfo Early0 = new(true, false, PaneTiming.Early, 0, -1);
    private static readonly PaneInfo OnTime1 = new(false, false, PaneTiming.OnTime, 1, 0);

    public static TheoryData<PaneInfo?, long, long, bool, PaneInfo> Rows => new()
    {
        // first firing before the end of the window: EARLY, first, on-time index -1
        { null, 5, 5, false, new PaneInfo(true, false, PaneTiming.Early, 0, -1) },
        // input watermark at (not past) the max timestamp: still EARLY
        { null, 9, 5, false, new PaneInfo(true, false, PaneTiming.Early, 0, -1) },
        // first firing with the input watermark past the end: ON_TIME
        { null, 10, 5, false, new PaneInfo(true, false, PaneTiming.OnTime, 0, 0) },
        // after an EARLY pane: ON_TIME index 1, on-time index 0
        { Early0, 10, 5, false, OnTime1 },
        // after the ON_TIME pane every pane is LATE, on-time index counting on
        { OnTime1, 12, 12, false, new PaneInfo(false, false, PaneTiming.Late, 2, 1) },
        // the window's end behind the output watermark: LATE even as first pane
        { null, 12, 12, false, new PaneInfo(true, false, PaneTiming.Late, 0, 0) },
        // after EARLY panes, late for output: LATE with on-time index 0
        { Early0, 12, 10, false, new PaneInfo(false, false, PaneTiming.Late, 1, 0) },
        // output watermark exactly at the max timestamp is not late for output
        { null, 10, 9, true, new PaneInfo(true, true, PaneTiming.OnTime, 0, 0) },
        // the final pane carries last
        { OnTime1, 20, 20, true, new PaneInfo(false, true, PaneTiming.Late, 2, 1) },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Next_pane_follows_the_model(PaneInfo? previous, long inputWatermark, long outputWatermark, bool isFinal, PaneInfo expected) =>
        Assert.Equal(expected, PaneTracker.Next(previous, 9, inputWatermark, outputWatermark, isFinal));
}
