using System.Globalization;
using BeamConformance.Model;
using BeamConformance.Model.Windows;

namespace BeamConformance.Conformance.Checking;

/// <summary>Timestamps and windows as scenario files write them (ms, with the model's symbolic bounds).</summary>
public static class TimeText
{
    /// <summary>A ms timestamp: <c>min_timestamp</c>, <c>max_timestamp</c>, <c>end_of_global_window</c> or the integer.</summary>
    public static string Timestamp(long millis) => millis switch
    {
        BeamTime.MinTimestampMillis => "min_timestamp",
        BeamTime.MaxTimestampMillis => "max_timestamp",
        BeamTime.EndOfGlobalWindowMillis => "end_of_global_window",
        _ => millis.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A window: <c>global</c> or <c>[start_ms, end_ms)</c>.</summary>
    public static string Window(BoundedWindow window) => window switch
    {
        GlobalWindow => "global",
        IntervalWindow w => $"[{Timestamp(w.StartMillis)}, {Timestamp(w.EndMillis)})",
        _ => window.ToString() ?? "?",
    };

    /// <summary>A pane: <c>ON_TIME index=0 on_time_index=0 first last</c>.</summary>
    public static string Pane(PaneInfo pane) =>
        new Scenarios.ExpectedPaneInfo(pane.Timing, pane.Index, pane.OnTimeIndex, pane.IsFirst, pane.IsLast).ToString();
}
