using BeamConformance.Model.Windows;

namespace BeamConformance.Engine;

/// <summary>
/// The merge of the standard sessions WindowFn (<c>beam:window_fn:session_windows:v1</c>; Java
/// <c>MergeOverlappingIntervalWindows</c>): windows sorted by start are merged while they overlap
/// (share an instant: [0, 10) and [10, 20) do not), and a merged window is the span of its sources.
/// </summary>
public sealed class SessionsMergeFn : IWindowMergeFn
{
    /// <summary>The one instance (the merge has no parameters: the gap is applied by the SDK's WindowInto).</summary>
    public static SessionsMergeFn Instance { get; } = new();

    private SessionsMergeFn() { }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A window is not an <see cref="IntervalWindow"/>.</exception>
    public IReadOnlyList<WindowMerge> Merge(IReadOnlyList<BoundedWindow> activeWindows)
    {
        ArgumentNullException.ThrowIfNull(activeWindows);
        var sorted = new List<IntervalWindow>(activeWindows.Count);
        foreach (var window in activeWindows)
        {
            sorted.Add(window as IntervalWindow
                ?? throw new ArgumentException($"sessions merge only interval windows, got {window}", nameof(activeWindows)));
        }

        sorted.Sort(static (a, b) => a.StartMillis != b.StartMillis ? a.StartMillis.CompareTo(b.StartMillis) : a.EndMillis.CompareTo(b.EndMillis));
        var merges = new List<WindowMerge>();
        var group = new List<BoundedWindow>();
        IntervalWindow? span = null;
        foreach (var window in sorted)
        {
            if (span is not null && span.Intersects(window))
            {
                group.Add(window);
                span = span.Span(window);
                continue;
            }

            Flush(merges, group, span);
            group = [window];
            span = window;
        }

        Flush(merges, group, span);
        return merges;
    }

    private static void Flush(List<WindowMerge> merges, List<BoundedWindow> group, IntervalWindow? span)
    {
        if (group.Count > 1 && span is not null)
        {
            merges.Add(new WindowMerge(group, span));
        }
    }
}
