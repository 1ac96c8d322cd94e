using BeamConformance.Model;
using BeamConformance.Model.Windows;
using BeamConformance.ReferenceRunner.Translation;

namespace BeamConformance.ReferenceRunner.Execution.Internal.Timers;

/// <summary>One set timer of one window, as the SDK sent it (<see cref="TimerValue"/> with that single window).</summary>
/// <param name="Id">Its identity (replace on set, delete on clear).</param>
/// <param name="Family">The timer family it belongs to (domain, coder).</param>
/// <param name="Value">The timer: key, tag, the one window, fire and hold timestamps (ms), pane.</param>
/// <param name="Window">The window (<c>Value.Windows[0]</c>).</param>
internal sealed record PendingTimer(TimerId Id, StageTimerFamily Family, TimerValue Value, BoundedWindow Window)
{
    /// <summary>Fire timestamp (ms): event time, or processing time for a processing-time family.</summary>
    public long FireMillis => Value.FireTimestampMillis;

    /// <summary>Output timestamp (ms): holds the stage's output watermark while the timer is set.</summary>
    public long HoldMillis => Value.HoldTimestampMillis;

    public bool IsEventTime => Family.Domain == TimerDomain.EventTime;
}
