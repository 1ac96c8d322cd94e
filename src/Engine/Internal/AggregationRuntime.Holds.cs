using BeamConformance.Engine.Internal.Triggers;
using BeamConformance.Model.Windowing;
using BeamConformance.Model.Windows;

namespace BeamConformance.Engine.Internal;

/// <summary>Output-time holds and window merging of <see cref="AggregationRuntime"/>.</summary>
internal sealed partial class AggregationRuntime
{
    // Java WatermarkHold.addElementHold: a value holds the output watermark at its output time unless its
    // window's end is already behind the input watermark or its output time is behind the output watermark.
    private void AddElementHold(WindowState state, long timestampMillis)
    {
        var max = state.Window.MaxTimestampMillis;
        var outputTime = _strategy.TimestampCombiner == TimestampCombiner.EndOfWindow ? max : timestampMillis;
        if (max < InputWatermark || outputTime < OutputWatermark)
        {
            return;
        }

        SetHold(state, state.Hold is long hold ? CombineHolds(hold, outputTime, state.Window) : outputTime);
    }

    private long CombineHolds(long a, long b, BoundedWindow window) => _strategy.TimestampCombiner switch
    {
        TimestampCombiner.Earliest => Math.Min(a, b),
        TimestampCombiner.Latest => Math.Max(a, b),
        _ => window.MaxTimestampMillis,
    };

    private void SetHold(WindowState state, long? hold)
    {
        if (state.Hold is long old)
        {
            Holds.Remove(old);
        }

        state.Hold = hold;
        if (hold is long value)
        {
            Holds.Add(value);
        }
    }

    private void MergeWindows(KeyState keyState, EngineCore core)
    {
        var active = keyState.InCreationOrder().Where(static w => !w.Closed).ToList();
        if (active.Count < 2)
        {
            return;
        }

        var merges = _strategy.MergeFn!.Merge(active.Select(static w => w.Window).ToList());
        foreach (var merge in merges)
        {
            var sources = active.Where(w => merge.Sources.Contains(w.Window)).OrderBy(static w => w.Sequence).ToList();
            if (sources.Count != merge.Sources.Count || merge.Sources.Count < 2)
            {
                throw new InvalidOperationException($"GroupByKey '{Id}': the window merge fn returned a merge of windows that are not active for key {keyState.Key}: {string.Join(", ", merge.Sources)}");
            }

            var merged = new WindowState(keyState, merge.Result, _sequence++, TriggerNodes.Create(_strategy.Trigger));
            long? hold = null;
            foreach (var source in sources)
            {
                merged.Values.AddRange(source.Values);
                merged.NewValues += source.NewValues;
                // Java ReduceFnRunner.onMerge: merged-away windows' panes are forgotten; a new merge result starts
                // at pane 0, a result that is one of the merged windows keeps its own pane count.
                if (source.Window.Equals(merge.Result))
                {
                    merged.LastPane = source.LastPane;
                }

                if (source.Hold is long h)
                {
                    hold = hold is long m ? CombineHolds(m, h, merge.Result) : h;
                }

                _buffered += source.Values.Count;
                Remove(source);
            }

            keyState.Add(merged);
            if (!_keys.ContainsKey(keyState.Key))
            {
                _keys.Add(keyState.Key, keyState);
            }

            if (hold is not null && _strategy.TimestampCombiner == TimestampCombiner.EndOfWindow)
            {
                hold = merge.Result.MaxTimestampMillis;
            }

            merged.Trigger.OnMerge(Context(merged, core), sources.Select(static s => s.Trigger).ToList());
            Rearm(merged);
            SetHold(merged, hold);
            merged.TimerMillis = merge.Result.MaxTimestampMillis < InputWatermark ? _strategy.GarbageCollectionTime(merge.Result) : merge.Result.MaxTimestampMillis;
            Schedule(merged);
            Touch(merged);
        }
    }
}
