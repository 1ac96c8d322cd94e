namespace BeamConformance.Engine.Internal;

/// <summary>The active windows of one key at a GroupByKey.</summary>
internal sealed class KeyState(ByteKey key)
{
    public ByteKey Key { get; } = key;

    /// <summary>Active windows in creation order.</summary>
    public List<WindowState> Windows { get; } = [];

    public WindowState? Find(Model.Windows.BoundedWindow window)
    {
        foreach (var state in Windows)
        {
            if (state.Window.Equals(window))
            {
                return state;
            }
        }

        return null;
    }
}
