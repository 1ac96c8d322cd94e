using BeamConformance.Engine.Internal.Triggers;
using BeamConformance.Model;
using BeamConformance.Model.Windowing;
using BeamConformance.Model.Windows;

namespace BeamConformance.Engine.Internal;

/// <summary>
/// A runner-side GroupByKey: buffers values per encoded key and window, drops data past the allowed
/// lateness, merges windows, holds the output watermark per the timestamp combiner and emits panes as the
/// trigger says (Java <c>ReduceFnRunner</c> semantics).
/// </summary>
internal sealed partial class AggregationRuntime : StageRuntime
{
    private readonly WindowingStrategy _strategy;
    private readonly Dictionary<ByteKey, KeyState> _keys = [];
    private readonly SortedSet<WindowState> _timers = new(TimerOrder.Instance);
    private readonly SortedSet<WindowState> _wakeups = new(WakeupOrder.Instance);
    private readonly HashSet<WindowState> _synchronizedWaiting = [];
    private readonly List<WindowState> _touched = [];
    private readonly LateDropLog _lateDrops;
    private readonly bool _batch;
    private long _sequence;
    private long _now = long.MinValue;
    private int _buffered;

    public AggregationRuntime(StageSpec spec, ExecutionMode mode)
        : base(spec)
    {
        _strategy = spec.WindowingStrategy ?? WindowingStrategy.Default;
        _batch = mode == ExecutionMode.Batch;
        _lateDrops = new LateDropLog(spec.Id);
    }

    /// <summary>Elements dropped because their window was past its garbage-collection time, or its trigger had finished.</summary>
    public long DroppedElements { get; private set; }

    /// <summary>Elements dropped because their window had expired at arrival (the sum of <see cref="LateDrops"/>' counts).</summary>
    public long DroppedDueToLateness => _lateDrops.Count;

    /// <summary>Late drops per window, in the order of each window's first drop.</summary>
    public IReadOnlyList<LateDataDrop> LateDrops => _lateDrops.Drops;

    /// <summary>Values buffered in windows not yet collected.</summary>
    public override int PendingCount => _buffered;

    public override void Accept(int inputIndex, Element element, EngineCore core)
    {
        _now = core.ProcessingTimeMillis;
        if (!element.IsKeyed)
        {
            throw new InvalidOperationException($"GroupByKey '{Id}' got an element without a key length: the runner must split the key of every element it gives a GroupByKey ({element})");
        }

        var window = element.Window;
        if (_strategy.IsExpired(window, InputWatermark))
        {
            DroppedElements++;
            _lateDrops.Add(window, InputWatermark);
            return;
        }

        var probe = new ByteKey(element.KeyBytes);
        if (!_keys.TryGetValue(probe, out var keyState))
        {
            keyState = new KeyState(probe.Owned());
            _keys.Add(keyState.Key, keyState);
        }

        var state = keyState.Find(window) ?? Create(keyState, window);
        if (state.Closed)
        {
            DroppedElements++;
            return;
        }

        state.Values.Add(element.ValueBytes);
        state.NewValues++;
        _buffered++;
        AddElementHold(state, element.TimestampMillis);
        state.Trigger.OnElement(Context(state, core));
        Rearm(state);
        Touch(state);
        if (_strategy.MergeFn is not null)
        {
            MergeWindows(keyState, core);
        }
    }

    // Java ReduceFnRunner.processElements: after a batch of input, fire the windows whose trigger is ready.
    // Batch: no trigger is evaluated; each window's one pane comes when the input is done (see OnRefresh).
    public override void OnInputProcessed(EngineCore core)
    {
        _now = core.ProcessingTimeMillis;
        foreach (var state in _touched)
        {
            state.Touched = false;
            if (!_batch && state.Active && !state.Closed && state.Trigger.ShouldFire(Context(state, core)))
            {
                Emit(state, core);
            }
        }

        _touched.Clear();
    }

    // Java ReduceFnRunner.onTimers: end-of-window and garbage-collection timers the input watermark passed.
    public override void OnRefresh(EngineCore core)
    {
        _now = core.ProcessingTimeMillis;
        while (_timers.Count > 0 && _timers.Min!.TimerMillis < InputWatermark)
        {
            var state = _timers.Min;
            Unschedule(state);
            var collectAt = _strategy.GarbageCollectionTime(state.Window);

            // Batch: end of window and garbage collection pass in the same watermark jump (to the maximum),
            // and no more input can come, so the on-time pane is the window's only one, first and last.
            if (state.TimerMillis >= collectAt || (_batch && collectAt < InputWatermark))
            {
                if (!state.Closed)
                {
                    Fire(state, isFinal: true, core);
                }

                Remove(state);
                continue;
            }

            if (!state.Closed && state.Trigger.ShouldFire(Context(state, core)))
            {
                Emit(state, core);
            }

            state.TimerMillis = collectAt;
            Schedule(state);
        }

        FireProcessingTimeTriggers(core);
    }

    /// <summary>The earliest processing time (ms) at which a window's trigger may become ready, or <see cref="long.MaxValue"/>.</summary>
    public long NextProcessingTimeWakeup => _wakeups.Count == 0 ? long.MaxValue : _wakeups.Min!.WakeupMillis;

    // Processing-time timers that are due, then windows waiting for synchronized processing time (Java
    // ReduceFnRunner.onTimers for PROCESSING_TIME and SYNCHRONIZED_PROCESSING_TIME timers).
    private void FireProcessingTimeTriggers(EngineCore core)
    {
        _now = core.ProcessingTimeMillis;
        while (_wakeups.Count > 0 && _wakeups.Min!.WakeupMillis <= core.ProcessingTimeMillis)
        {
            var state = _wakeups.Min;
            _wakeups.Remove(state);
            state.WakeupMillis = long.MaxValue;
            if (state.Active && !state.Closed && state.Trigger.ShouldFire(Context(state, core)))
            {
                Emit(state, core);
            }

            Rearm(state);
        }

        if (_synchronizedWaiting.Count == 0)
        {
            return;
        }

        foreach (var state in _synchronizedWaiting.OrderBy(static s => s.Sequence).ToList())
        {
            if (state.Active && !state.Closed && state.Trigger.ShouldFire(Context(state, core)))
            {
                Emit(state, core);
            }

            Rearm(state);
        }
    }

    private TriggerContext Context(WindowState state, EngineCore core) =>
        new(state.Window, InputWatermark, core.ProcessingTimeMillis, SynchronizedProcessingTime, _strategy.MergeFn is not null);

    // Java ReduceFnRunner.emit: the trigger fires, then the pane is made (last when the trigger finished).
    private void Emit(WindowState state, EngineCore core)
    {
        state.Trigger.OnFire(Context(state, core));
        Fire(state, state.Trigger.IsFinished, core);
        Rearm(state);
    }

    // Re-reads when the window's trigger next needs the processing-time clock. A target the clock already reached
    // needs no wakeup: that node stays ready, and the trigger is asked again with the next input or timer (a wakeup
    // at or before now would be popped and re-armed for ever, e.g. AfterAll(ElementCount, AfterProcessingTime)
    // past its time but short of its count).
    private void Rearm(WindowState state)
    {
        if (state.WakeupMillis != long.MaxValue)
        {
            _wakeups.Remove(state);
            state.WakeupMillis = long.MaxValue;
        }

        var live = state.Active && !state.Closed && !_batch;
        var wakeup = live ? state.Trigger.NextProcessingTimeWakeup(_now) : long.MaxValue;
        if (wakeup != long.MaxValue)
        {
            state.WakeupMillis = wakeup;
            _wakeups.Add(state);
        }

        if (live && state.Trigger.WaitsForSynchronizedTime())
        {
            _synchronizedWaiting.Add(state);
        }
        else
        {
            _synchronizedWaiting.Remove(state);
        }
    }

    public override string Describe(EngineCore core) =>
        $"keys={_keys.Count}, active windows={_timers.Count}, buffered values={_buffered}, dropped late={DroppedElements}, "
        + $"next timer={(_timers.Count == 0 ? "none" : $"{BeamTime.Format(_timers.Min!.TimerMillis)} ({_timers.Min})")}";

    private WindowState Create(KeyState keyState, BoundedWindow window)
    {
        var state = new WindowState(keyState, window, _sequence++, TriggerNodes.Create(_strategy.Trigger));
        keyState.Add(state);
        state.TimerMillis = window.MaxTimestampMillis < InputWatermark ? _strategy.GarbageCollectionTime(window) : window.MaxTimestampMillis;
        Schedule(state);
        return state;
    }

    private void Fire(WindowState state, bool isFinal, EngineCore core)
    {
        var max = state.Window.MaxTimestampMillis;
        var isEmpty = state.NewValues == 0;
        var pane = PaneTracker.Next(state.LastPane, max, InputWatermark, OutputWatermark, isFinal);
        var timestamp = state.Hold is long hold && hold <= max ? hold : max;
        SetHold(state, null);
        var emit = !isEmpty
            || (pane.Timing == PaneTiming.OnTime && _strategy.OnTimeBehavior == OnTimeBehavior.FireAlways)
            || (isFinal && _strategy.ClosingBehavior == ClosingBehavior.FireAlways);
        if (emit)
        {
            var key = state.Owner.Key.Bytes;
            var bytes = GroupByKeyEncoding.EncodeKeyedIterable(key.Span, state.Values);
            state.LastPane = pane;
            core.Deliver(Spec.Outputs[0], new Element(bytes, timestamp, state.Window, pane, key.Length));
        }

        if (isFinal || _strategy.AccumulationMode == AccumulationMode.Discarding)
        {
            _buffered -= state.Values.Count;
            state.Values.Clear();
        }

        state.NewValues = 0;
        state.Closed |= isFinal;
    }

    private void Remove(WindowState state)
    {
        SetHold(state, null);
        _buffered -= state.Values.Count;
        state.Values.Clear();
        state.Active = false;
        if (state.Scheduled)
        {
            Unschedule(state);
        }

        Rearm(state);

        state.Owner.Remove(state);
        if (state.Owner.Count == 0)
        {
            _keys.Remove(state.Owner.Key);
        }
    }

    private void Touch(WindowState state)
    {
        if (!state.Touched)
        {
            state.Touched = true;
            _touched.Add(state);
        }
    }

    private void Schedule(WindowState state)
    {
        state.Scheduled = true;
        _timers.Add(state);
    }

    private void Unschedule(WindowState state)
    {
        _timers.Remove(state);
        state.Scheduled = false;
    }

    private sealed class TimerOrder : IComparer<WindowState>
    {
        public static TimerOrder Instance { get; } = new();

        public int Compare(WindowState? x, WindowState? y) =>
            x!.TimerMillis != y!.TimerMillis ? x.TimerMillis.CompareTo(y.TimerMillis) : x.Sequence.CompareTo(y.Sequence);
    }

    private sealed class WakeupOrder : IComparer<WindowState>
    {
        public static WakeupOrder Instance { get; } = new();

        public int Compare(WindowState? x, WindowState? y) =>
            x!.WakeupMillis != y!.WakeupMillis ? x.WakeupMillis.CompareTo(y.WakeupMillis) : x.Sequence.CompareTo(y.Sequence);
    }
}
