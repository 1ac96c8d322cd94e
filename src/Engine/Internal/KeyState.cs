using BeamConformance.Model.Windows;

namespace BeamConformance.Engine.Internal;

/// <summary>The active windows of one key at a GroupByKey, found by window value.</summary>
internal sealed class KeyState(ByteKey key)
{
    private readonly Dictionary<BoundedWindow, WindowState> _windows = [];

    public ByteKey Key { get; } = key;

    public int Count => _windows.Count;

    public WindowState? Find(BoundedWindow window) => _windows.GetValueOrDefault(window);

    public void Add(WindowState state)
    {
        if (!_windows.TryAdd(state.Window, state))
        {
            throw new InvalidOperationException($"ReferenceRunner bug: key {Key} already has an active window {state.Window}");
        }
    }

    public void Remove(WindowState state) => _windows.Remove(state.Window);

    /// <summary>The active windows in creation order (for deterministic merging).</summary>
    public List<WindowState> InCreationOrder() => _windows.Values.OrderBy(static w => w.Sequence).ToList();
}
