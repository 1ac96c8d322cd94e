using BeamConformance.Conformance.Checking.Internal;
using BeamConformance.Conformance.Scenarios;

namespace BeamConformance.Conformance.Checking;

/// <summary>
/// Matches a capture sink's expected panes against what it captured (testdata/README.md, "Pane
/// matching"): elements are exploded per window and grouped by window and pane info (by only the
/// window when no expected pane gives <c>pane</c>, by only the pane when none gives <c>window</c>);
/// every expected pane must match a distinct actual pane on the fields it gives, and no actual pane
/// may be left over.
/// </summary>
public static class PaneMatcher
{
    /// <summary>Checks one sink. On failure the result holds a readable expected-vs-actual diff.</summary>
    /// <param name="sink">The capture transform's name (for messages).</param>
    /// <param name="expected">Expected panes (empty: no output expected).</param>
    /// <param name="captured">What the sink captured (only this sink's elements).</param>
    public static CheckResult Match(string sink, IReadOnlyList<ExpectedPane> expected, IReadOnlyList<CapturedElement> captured)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var actual = ActualPane.Group(captured, byWindow: expected.Any(p => p.Window is not null), byPane: expected.Any(p => p.Pane is not null));
        var assignment = new int[expected.Count];
        var used = new bool[actual.Count];
        if (expected.Count == actual.Count && Assign(expected, actual, 0, assignment, used))
        {
            return CheckResult.Pass;
        }

        return new CheckResult([Diff(sink, expected, actual)]);
    }

    private static bool Assign(IReadOnlyList<ExpectedPane> expected, List<ActualPane> actual, int i, int[] assignment, bool[] used)
    {
        if (i == expected.Count)
        {
            return true;
        }

        for (var j = 0; j < actual.Count; j++)
        {
            if (!used[j] && PaneComparison.Differences(expected[i], actual[j]).Count == 0)
            {
                used[j] = true;
                assignment[i] = j;
                if (Assign(expected, actual, i + 1, assignment, used))
                {
                    return true;
                }

                used[j] = false;
            }
        }

        return false;
    }

    private static string Diff(string sink, IReadOnlyList<ExpectedPane> expected, List<ActualPane> actual)
    {
        var lines = new List<string> { $"sink '{sink}': {expected.Count} expected pane(s), {actual.Count} actual pane(s)" };
        var used = new bool[actual.Count];

        // Exact matches first, so that the closest-pane pairing below only concerns the real differences.
        var exact = new int?[expected.Count];
        for (var i = 0; i < expected.Count; i++)
        {
            for (var j = 0; j < actual.Count; j++)
            {
                if (!used[j] && PaneComparison.Differences(expected[i], actual[j]).Count == 0)
                {
                    used[j] = true;
                    exact[i] = j;
                    break;
                }
            }
        }

        for (var i = 0; i < expected.Count; i++)
        {
            var e = expected[i];
            if (exact[i] is not null)
            {
                lines.Add($"  ok    expected pane {i + 1} ({e.Location}) matched");
                continue;
            }

            var closest = Enumerable.Range(0, actual.Count).Where(j => !used[j])
                .OrderByDescending(j => PaneComparison.Score(e, actual[j])).Cast<int?>().FirstOrDefault();
            lines.Add($"  FAIL  expected pane {i + 1} ({e.Location}): {Describe(e)}");
            if (closest is { } c)
            {
                used[c] = true;
                lines.Add($"        closest actual: {actual[c]}");
                lines.AddRange(PaneComparison.Differences(e, actual[c]).Select(d => $"          {d}"));
            }
            else
            {
                lines.Add("        unmatched: no actual pane left");
            }
        }

        for (var j = 0; j < actual.Count; j++)
        {
            if (!used[j])
            {
                lines.Add($"  FAIL  unexpected output: {actual[j]}");
            }
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static string Describe(ExpectedPane e)
    {
        var parts = new List<string>();
        if (e.Window is { } w) { parts.Add($"window {TimeText.Window(w)}"); }
        if (e.Pane is { } p) { parts.Add($"pane {p}"); }
        if (e.TimestampMillis is { } t) { parts.Add($"timestamp {TimeText.Timestamp(t)}"); }
        if (e.Elements is { } els)
        {
            parts.Add($"{(e.Ordered ? "ordered " : "")}values [{string.Join(", ", els.Select(x => x.TimestampMillis is { } ts ? $"{ScenarioValues.Canonical(x.Value)} @{TimeText.Timestamp(ts)}" : ScenarioValues.Canonical(x.Value)))}]");
        }

        return parts.Count == 0 ? "(any pane)" : string.Join(", ", parts);
    }
}
