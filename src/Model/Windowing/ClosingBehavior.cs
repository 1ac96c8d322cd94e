namespace BeamConformance.Model.Windowing;

/// <summary>
/// Whether the final pane of a window is emitted when it has no new values (<c>beam_runner_api.proto</c>
/// <c>ClosingBehavior.Enum</c>: <c>EMIT_IF_NONEMPTY</c> / <c>EMIT_ALWAYS</c>; Java <c>Window.ClosingBehavior</c>).
/// </summary>
public enum ClosingBehavior
{
    /// <summary>Emit the final pane only when it holds new values (<c>EMIT_IF_NONEMPTY</c>, the model's default).</summary>
    FireIfNonEmpty = 0,

    /// <summary>Always emit a final pane, empty or not (<c>EMIT_ALWAYS</c>).</summary>
    FireAlways = 1,
}
