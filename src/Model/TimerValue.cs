using BeamConformance.Model.Windows;

namespace BeamConformance.Model;

/// <summary>
/// A timer as <c>beam:coder:timer:v1</c> carries it on the Fn API data plane (Java <c>Timer</c>; named
/// <c>TimerValue</c> to stay clear of <see cref="System.Threading.Timer"/>).
/// </summary>
/// <param name="UserKey">The user key, decoded by the timer coder's key component.</param>
/// <param name="DynamicTimerTag">The dynamic tag within the timer family ("" for plain timers).</param>
/// <param name="Windows">The windows the timer is set in.</param>
/// <param name="ClearBit">True when the timer is cleared; then the timestamps and pane are not on the wire.</param>
/// <param name="FireTimestampMillis">When the timer fires, ms since epoch (0 when cleared).</param>
/// <param name="HoldTimestampMillis">The output watermark hold, ms since epoch (0 when cleared).</param>
/// <param name="Pane">The pane of the element that set the timer (<see cref="PaneInfo.NoFiring"/> when cleared).</param>
public sealed record TimerValue(
    object? UserKey,
    string DynamicTimerTag,
    IReadOnlyList<BoundedWindow> Windows,
    bool ClearBit,
    long FireTimestampMillis,
    long HoldTimestampMillis,
    PaneInfo Pane)
{
    /// <summary>A cleared timer: only key, tag and windows are encoded.</summary>
    public static TimerValue Cleared(object? userKey, string dynamicTimerTag, IReadOnlyList<BoundedWindow> windows) =>
        new(userKey, dynamicTimerTag, windows, true, 0, 0, PaneInfo.NoFiring);

    /// <summary>Structural equality (key by value, windows element by element).</summary>
    public bool Equals(TimerValue? other) =>
        other is not null
        && Coders.ValueEquality.DeepEquals(UserKey, other.UserKey)
        && DynamicTimerTag == other.DynamicTimerTag
        && Windows.SequenceEqual(other.Windows)
        && ClearBit == other.ClearBit
        && FireTimestampMillis == other.FireTimestampMillis
        && HoldTimestampMillis == other.HoldTimestampMillis
        && Pane == other.Pane;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(DynamicTimerTag, FireTimestampMillis, ClearBit);
}
