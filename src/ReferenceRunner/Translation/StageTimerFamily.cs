using BeamConformance.Model.Coders;

namespace BeamConformance.ReferenceRunner.Translation;

/// <summary>
/// One user timer family of the stateful ParDo of an <see cref="ExecutableStagePlan"/> (<c>ParDoPayload.timer_family_specs</c>),
/// whose timers travel on the data plane as <c>Elements.Timers</c> with this transform id and timer family id.
/// </summary>
/// <param name="TransformId">The ParDo's transform id (<c>Elements.Timers.transform_id</c>).</param>
/// <param name="FamilyId">The timer family id (<c>Elements.Timers.timer_family_id</c>).</param>
/// <param name="Domain">Event or processing time.</param>
/// <param name="Coder">The family's <c>beam:coder:timer:v1</c> (key coder = the input's key coder, window coder = the input's).</param>
public sealed record StageTimerFamily(string TransformId, string FamilyId, TimerDomain Domain, TimerCoder Coder)
{
    /// <summary>
    /// True for the ParDo's on-window-expiration family (<c>on_window_expiration_timer_family_spec</c>): the runner itself
    /// fires one of its timers per key and window with user state when the window expires (fire timestamp = the window's
    /// max timestamp + allowed lateness, output timestamp = its max timestamp), before that state is collected.
    /// </summary>
    public bool IsWindowExpiration { get; init; }
}
