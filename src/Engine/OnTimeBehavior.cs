namespace BeamConformance.Engine;

/// <summary>Whether the ON_TIME pane is emitted when it has no new values (the model's <c>OnTimeBehavior</c>).</summary>
public enum OnTimeBehavior
{
    /// <summary>Always emit the ON_TIME pane (the model's default).</summary>
    FireAlways = 0,

    /// <summary>Emit the ON_TIME pane only when it holds values.</summary>
    FireIfNonEmpty = 1,
}
