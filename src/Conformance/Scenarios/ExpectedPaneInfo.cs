using BeamConformance.Model;

namespace BeamConformance.Conformance.Scenarios;

/// <summary>Expected PaneInfo fields; a null field is not compared.</summary>
/// <param name="Timing">EARLY / ON_TIME / LATE / UNKNOWN.</param>
/// <param name="Index">Pane index.</param>
/// <param name="OnTimeIndex">On-time index (−1 for early panes).</param>
/// <param name="First">Is-first flag.</param>
/// <param name="Last">Is-last flag.</param>
public sealed record ExpectedPaneInfo(PaneTiming? Timing, long? Index, long? OnTimeIndex, bool? First, bool? Last)
{
    /// <summary>Whether <paramref name="actual"/> agrees with every field given.</summary>
    public bool Matches(PaneInfo actual) =>
        (Timing is null || Timing == actual.Timing)
        && (Index is null || Index == actual.Index)
        && (OnTimeIndex is null || OnTimeIndex == actual.OnTimeIndex)
        && (First is null || First == actual.IsFirst)
        && (Last is null || Last == actual.IsLast);

    /// <summary>The given fields, e.g. <c>ON_TIME index=0 first last</c>.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (Timing is { } t) { parts.Add(Internal.Names.Timing(t)); }
        if (Index is { } i) { parts.Add($"index={i}"); }
        if (OnTimeIndex is { } o) { parts.Add($"on_time_index={o}"); }
        if (First is { } f) { parts.Add(f ? "first" : "not first"); }
        if (Last is { } l) { parts.Add(l ? "last" : "not last"); }
        return string.Join(' ', parts);
    }
}
