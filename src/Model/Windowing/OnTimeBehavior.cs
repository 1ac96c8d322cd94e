namespace BeamConformance.Model.Windowing;

/// <summary>
/// Whether the ON_TIME pane is emitted when it has no new values (<c>beam_runner_api.proto</c>
/// <c>OnTimeBehavior.Enum</c>; Java <c>Window.OnTimeBehavior</c>).
/// </summary>
public enum OnTimeBehavior
{
    /// <summary>Always emit the ON_TIME pane (<c>FIRE_ALWAYS</c>, the model's default).</summary>
    FireAlways = 0,

    /// <summary>Emit the ON_TIME pane only when it holds new values (<c>FIRE_IF_NONEMPTY</c>).</summary>
    FireIfNonEmpty = 1,
}
