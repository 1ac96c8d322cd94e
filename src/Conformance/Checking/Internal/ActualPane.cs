using BeamConformance.Model;
using BeamConformance.Model.Windows;

namespace BeamConformance.Conformance.Checking.Internal;

/// <summary>Captured elements of one (window, pane info), in arrival order.</summary>
internal sealed record ActualPane(BoundedWindow? Window, PaneInfo? Pane, List<(object? Value, long TimestampMillis)> Elements)
{
    /// <summary>
    /// Explodes elements per window and groups them, in first-seen order, by window (when
    /// <paramref name="byWindow"/>) and pane info (when <paramref name="byPane"/>).
    /// </summary>
    public static List<ActualPane> Group(IEnumerable<CapturedElement> elements, bool byWindow, bool byPane)
    {
        var panes = new List<ActualPane>();
        var index = new Dictionary<(BoundedWindow?, PaneInfo?), ActualPane>();
        foreach (var e in elements)
        {
            foreach (var window in e.Windows)
            {
                var key = (byWindow ? window : null, byPane ? e.Pane : (PaneInfo?)null);
                if (!index.TryGetValue(key, out var pane))
                {
                    pane = new ActualPane(key.Item1, key.Item2, []);
                    index[key] = pane;
                    panes.Add(pane);
                }

                pane.Elements.Add((e.Value, e.TimestampMillis));
            }
        }

        return panes;
    }

    public override string ToString() =>
        (Window is null ? "" : $"window {TimeText.Window(Window)}, ") + (Pane is { } p ? $"pane {TimeText.Pane(p)}, " : "") + $"{Elements.Count} element(s): "
        + string.Join(", ", Elements.Select(e => $"{ScenarioValues.Canonical(e.Value)} @{TimeText.Timestamp(e.TimestampMillis)}"));
}
