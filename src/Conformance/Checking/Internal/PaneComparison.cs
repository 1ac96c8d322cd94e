using BeamConformance.Conformance.Scenarios;

namespace BeamConformance.Conformance.Checking.Internal;

/// <summary>Compares one expected pane with one actual pane, field by field (partial matching).</summary>
internal static class PaneComparison
{
    /// <summary>The differences, empty when the actual pane satisfies every field given.</summary>
    public static List<string> Differences(ExpectedPane expected, ActualPane actual)
    {
        var diffs = new List<string>();
        if (expected.Window is { } w && actual.Window is { } aw && !w.Equals(aw))
        {
            diffs.Add($"window: expected {TimeText.Window(w)}, actual {TimeText.Window(aw)}");
        }

        if (expected.Pane is { } p && actual.Pane is { } ap && !p.Matches(ap))
        {
            diffs.Add($"pane: expected {p}, actual {TimeText.Pane(ap)}");
        }

        if (expected.TimestampMillis is { } ts)
        {
            var wrong = actual.Elements.Where(e => e.TimestampMillis != ts).ToList();
            if (wrong.Count > 0)
            {
                diffs.Add($"timestamp: expected {TimeText.Timestamp(ts)} for every element, actual "
                    + string.Join(", ", wrong.Select(e => $"{ScenarioValues.Canonical(e.Value)} @{TimeText.Timestamp(e.TimestampMillis)}")));
            }
        }

        if (expected.Elements is { } elements)
        {
            diffs.AddRange(expected.Ordered ? Ordered(elements, actual) : Unordered(elements, actual));
        }

        return diffs;
    }

    /// <summary>A similarity score used to pick the closest actual pane for a diff.</summary>
    public static int Score(ExpectedPane expected, ActualPane actual)
    {
        var score = 0;
        score += expected.Window is null || expected.Window.Equals(actual.Window) ? 4 : 0;
        score += expected.Pane is null || actual.Pane is not { } ap || expected.Pane.Matches(ap) ? 2 : 0;
        if (expected.Elements is { } elements)
        {
            var actualKeys = actual.Elements.Select(e => ScenarioValues.Canonical(e.Value)).ToHashSet(StringComparer.Ordinal);
            score += elements.Count(e => actualKeys.Contains(ScenarioValues.Canonical(e.Value)));
        }

        return score;
    }

    private static IEnumerable<string> Unordered(IReadOnlyList<ElementSpec> expected, ActualPane actual)
    {
        var remaining = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        foreach (var (value, ts) in actual.Elements)
        {
            var key = Key(value);
            if (!remaining.TryGetValue(key, out var list))
            {
                remaining[key] = list = [];
            }

            list.Add(ts);
        }

        var missing = new List<string>();
        foreach (var e in expected)
        {
            var key = Key(e.Value);
            if (remaining.TryGetValue(key, out var list) && list.Count > 0)
            {
                var at = e.TimestampMillis is { } t ? list.IndexOf(t) : 0;
                if (at >= 0)
                {
                    list.RemoveAt(at);
                    continue;
                }
            }

            missing.Add(Describe(e));
        }

        var unexpected = actual.Elements
            .Where(a => remaining.TryGetValue(Key(a.Value), out var l) && l.Remove(a.TimestampMillis))
            .Select(a => $"{Key(a.Value)} @{TimeText.Timestamp(a.TimestampMillis)}")
            .ToList();
        if (missing.Count > 0)
        {
            yield return $"values missing: {string.Join(", ", missing)}";
        }

        if (unexpected.Count > 0)
        {
            yield return $"values unexpected: {string.Join(", ", unexpected)}";
        }
    }

    private static IEnumerable<string> Ordered(IReadOnlyList<ElementSpec> expected, ActualPane actual)
    {
        var n = Math.Max(expected.Count, actual.Elements.Count);
        for (var i = 0; i < n; i++)
        {
            var exp = i < expected.Count ? expected[i] : null;
            (object? Value, long TimestampMillis)? act = i < actual.Elements.Count ? actual.Elements[i] : null;
            var same = exp is not null && act is { } a && Key(exp.Value) == Key(a.Value)
                       && (exp.TimestampMillis is null || exp.TimestampMillis == a.TimestampMillis);
            if (!same)
            {
                yield return $"element {i} (ordered): expected {(exp is null ? "nothing" : Describe(exp))}, actual "
                    + (act is { } x ? $"{Key(x.Value)} @{TimeText.Timestamp(x.TimestampMillis)}" : "nothing");
            }
        }
    }

    private static string Key(object? value) => ScenarioValues.Canonical(value);

    private static string Describe(ElementSpec e) =>
        e.TimestampMillis is { } t ? $"{Key(e.Value)} @{TimeText.Timestamp(t)}" : Key(e.Value);
}
