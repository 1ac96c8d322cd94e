using BeamConformance.Engine.Internal;

namespace BeamConformance.Engine;

/// <summary>
/// The default trigger (<c>beam_runner_api.proto</c> <c>Trigger.Default</c>): fires the ON_TIME pane when the
/// input watermark passes the end of the window, then a LATE pane for each batch of late data that
/// arrives within the allowed lateness. It never finishes on its own: the window's last pane is the
/// one emitted when the watermark passes the end of the window plus the allowed lateness.
/// </summary>
public sealed record DefaultTrigger : Trigger
{
    internal DefaultTrigger() { }

    internal override ITriggerStateMachine NewStateMachine() => new DefaultTriggerStateMachine();

    /// <inheritdoc />
    public override string ToString() => "Default";
}
