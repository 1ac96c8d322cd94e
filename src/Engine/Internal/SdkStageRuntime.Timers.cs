using BeamConformance.Model;

namespace BeamConformance.Engine.Internal;

/// <summary>
/// User timers of an SDK stage, as far as the engine sees them (README "Timers"): the runner reports a
/// <see cref="TimerSummary"/> with each committed bundle; the summary's holds are in <see cref="StageRuntime.Holds"/>,
/// and when a timer is due and the stage has nothing else to run, the stage gets a bundle without elements, in which
/// the runner fires the due timers.
/// </summary>
internal sealed partial class SdkStageRuntime
{
    private TimerSummary _timers = TimerSummary.None;

    /// <summary>The stage's pending timers as last reported.</summary>
    public TimerSummary Timers => _timers;

    /// <summary>Replaces the pending-timer summary, and its holds (the previous summary's holds are released).</summary>
    public void ApplyTimers(TimerSummary timers)
    {
        foreach (var hold in _timers.HoldsMillis)
        {
            Holds.Remove(hold);
        }

        foreach (var hold in timers.HoldsMillis)
        {
            Holds.Add(hold);
        }

        _timers = timers;
    }

    /// <summary>
    /// The processing time (ms) at which the earliest processing-time timer becomes due (one past its fire time, as due
    /// means strictly after), or <see cref="long.MaxValue"/> when none waits for the clock (none set, or already due).
    /// </summary>
    public long ProcessingTimeWakeup(long now) =>
        _timers.NextProcessingTimeMillis != long.MaxValue && _timers.NextProcessingTimeMillis >= now ? _timers.NextProcessingTimeMillis + 1 : long.MaxValue;

    /// <summary>
    /// True when a timer is due: the held input watermark is past the earliest event-time timer, the processing time past the
    /// earliest processing-time timer, or the input is over (input watermark at the max) while timers are still set —
    /// then every window has expired and the runner fires or drops what is left.
    /// </summary>
    private bool TimersDue(EngineCore core) =>
        _timers.PendingCount > 0
        && (HeldInputWatermark > _timers.NextEventTimeMillis
            || core.ProcessingTimeMillis > _timers.NextProcessingTimeMillis
            || HeldInputWatermark >= BeamTime.MaxTimestampMillis);

    // The input watermark held back by the stage's unprocessed elements (Bundle.HeldInputWatermarkMillis): event-time
    // timers fire only once every element before them has been processed, so a batch job's jump to the max fires no
    // window-end timer before the window's last element.
    private long HeldInputWatermark => Math.Min(InputWatermark, _pending.Min);

    // A bundle with no elements, for due timers only: never while another bundle of the stage is in flight (its commit
    // brings the summary up to date).
    private Bundle? TryCutForTimers(BundleId id, EngineCore core) =>
        _inFlight.Count == 0 && TimersDue(core) ? Issue(id, [], 1, core) : null;

    private string DescribeTimers() =>
        _timers.PendingCount == 0
            ? ""
            : $", timers={_timers.PendingCount} (next event time {BeamTime.Format(_timers.NextEventTimeMillis)}, next processing time {BeamTime.Format(_timers.NextProcessingTimeMillis)}, holds [{string.Join(", ", _timers.HoldsMillis.Order().Take(5).Select(BeamTime.Format))}])";
}
