namespace BeamConformance.ReferenceRunner.Translation.Internal.Preparers;

/// <summary>One entry of <c>ParDoPayload.timer_family_specs</c> as the runner serves it.</summary>
/// <param name="Domain">Event or processing time.</param>
/// <param name="CoderId">The <c>beam:coder:timer:v1</c> coder id (<c>timer_family_coder_id</c>).</param>
internal sealed record TimerFamily(TimerDomain Domain, string CoderId)
{
    /// <summary>True for the family named by <c>on_window_expiration_timer_family_spec</c>.</summary>
    public bool IsWindowExpiration { get; init; }
}
