using BeamConformance.Model;
using BeamConformance.Model.Windows;

namespace BeamConformance.Conformance.Checking.Internal;

/// <summary>Captured elements of one (window, pane info), in arrival order.</summary>
internal sealed record ActualPane(BoundedWindow Window, PaneInfo Pane, List<(object? Value, long TimestampMillis)> Elements)
{
    /// <summary>Explodes elements per window and groups them by (window, pane), in first-seen order.</summary>
    public static List<ActualPane> Group(IEnumerable<CapturedElement> elements)
    {
        var panes = new List<ActualPane>();
        var index = new Dictionary<(BoundedWindow, PaneInfo), ActualPane>();
        foreach (var e in elements)
        {
            foreach (var w in e.Windows)
            {
                if (!index.TryGetValue((w, e.Pane), out var pane))
                {
                    pane = new ActualPane(w, e.Pane, []);
                    index[(w, e.Pane)] = pane;
                    panes.Add(pane);
                }

                pane.Elements.Add((e.Value, e.TimestampMillis));
            }
        }

        return panes;
    }

    public override string ToString() =>
        $"window {TimeText.Window(Window)}, pane {TimeText.Pane(Pane)}, {Elements.Count} element(s): "
        + string.Join(", ", Elements.Select(e => $"{ScenarioValues.Canonical(e.Value)} @{TimeText.Timestamp(e.TimestampMillis)}"));
}
