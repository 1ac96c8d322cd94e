using BeamConformance.Engine.Internal.Triggers;
using BeamConformance.Model;
using BeamConformance.Model.Windows;

namespace BeamConformance.Engine.Internal;

/// <summary>The GroupByKey state of one key and one active window: buffered values, hold, trigger, last pane, timer.</summary>
internal sealed class WindowState(KeyState owner, BoundedWindow window, long sequence, TriggerNode trigger)
{
    public KeyState Owner { get; } = owner;

    public BoundedWindow Window { get; } = window;

    /// <summary>Creation order; breaks ties deterministically.</summary>
    public long Sequence { get; } = sequence;

    public TriggerNode Trigger { get; } = trigger;

    /// <summary>Buffered values (nested encodings) in arrival order.</summary>
    public List<ReadOnlyMemory<byte>> Values { get; } = [];

    /// <summary>Values added since the last pane fired (the pane is empty when 0).</summary>
    public int NewValues { get; set; }

    /// <summary>The output-time hold of the non-late values since the last pane (ms), or null.</summary>
    public long? Hold { get; set; }

    /// <summary>The last pane emitted for this window, or null when none yet.</summary>
    public PaneInfo? LastPane { get; set; }

    /// <summary>When the next event-time timer fires (ms): end of window, then garbage collection.</summary>
    public long TimerMillis { get; set; }

    /// <summary>When the trigger next needs the processing-time clock (ms), or <see cref="long.MaxValue"/> when it does not.</summary>
    public long WakeupMillis { get; set; } = long.MaxValue;

    /// <summary>True once the trigger finished: further input for the window is dropped.</summary>
    public bool Closed { get; set; }

    /// <summary>False once merged away or garbage collected.</summary>
    public bool Active { get; set; } = true;

    /// <summary>True while listed among the windows that got input since the last trigger evaluation.</summary>
    public bool Touched { get; set; }

    /// <summary>True while in the aggregation's timer set.</summary>
    public bool Scheduled { get; set; }

    public override string ToString() => $"{Owner.Key} {Window}";
}
