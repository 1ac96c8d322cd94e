namespace BeamConformance.Engine;

/// <summary>Whether the final pane of a window is emitted when it has no new values (the model's <c>ClosingBehavior</c>).</summary>
public enum ClosingBehavior
{
    /// <summary>Emit the final pane only when it holds values (the model's default).</summary>
    FireIfNonEmpty = 0,

    /// <summary>Always emit a final pane.</summary>
    FireAlways = 1,
}
