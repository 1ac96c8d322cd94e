using BeamConformance.Model;

namespace BeamConformance.Engine.Internal;

/// <summary>
/// A fused ExecutableStage: queues input elements in arrival order and cuts them into bundles. A stage that starts
/// with a stateful ParDo (<see cref="StageSpec.StatefulAllowedLatenessMillis"/>) drops, in streaming mode, each element
/// whose window had expired when it arrived, as Java's <c>StatefulDoFnRunner</c> does.
/// </summary>
internal sealed partial class SdkStageRuntime(StageSpec spec, ExecutionMode mode) : StageRuntime(spec)
{
    private readonly LateDropLog _lateDrops = new(spec.Id);
    private readonly Queue<StageItem> _queue = new();
    private readonly TimestampMultiset _pending = new();
    private readonly Dictionary<BundleId, (List<StageItem> Items, int Attempt)> _inFlight = [];
    private readonly Queue<(List<StageItem> Items, int Attempt)> _retries = new();

    public override int PendingCount => _pending.Count;

    public override long PendingMin => _pending.Min;

    public int QueuedCount => _queue.Count;

    public int InFlightCount => _inFlight.Count;

    /// <summary>The attempt number (1-based) of an in-flight bundle.</summary>
    public int AttemptOf(BundleId id) => _inFlight[id].Attempt;

    /// <summary>A failed bundle will be retried: its elements (still pending) are re-issued as the same bundle before any other work of this stage.</summary>
    public void Requeue(BundleId id)
    {
        if (!_inFlight.Remove(id, out var bundle))
        {
            throw new InvalidOperationException($"ReferenceRunner bug: bundle {id} is not in flight on stage '{Id}'");
        }

        _retries.Enqueue((bundle.Items, bundle.Attempt + 1));
    }

    /// <summary>Elements of a stateful stage dropped because their window had expired at arrival, per window.</summary>
    public IReadOnlyList<LateDataDrop> LateDrops => _lateDrops.Drops;

    /// <summary>The sum of <see cref="LateDrops"/>' counts (Java's <c>StatefulParDoDropped</c> counter).</summary>
    public long DroppedDueToLateness => _lateDrops.Count;

    public override void Accept(int inputIndex, Element element, EngineCore core)
    {
        if (IsLate(element))
        {
            _lateDrops.Add(element.Window, InputWatermark);
            return;
        }

        _queue.Enqueue(new StageItem(inputIndex, element, element.TimestampMillis));
        _pending.Add(element.TimestampMillis);
    }

    /// <summary>Takes up to <paramref name="max"/> queued elements whose side inputs are ready, keeping the order; null when none.</summary>
    public Bundle? TryCut(BundleId id, int max, EngineCore core)
    {
        ResumeDue(core.ProcessingTimeMillis);
        if (_retries.Count > 0)
        {
            var (items, attempt) = _retries.Dequeue();
            return Issue(id, items, attempt, core);
        }

        if (_queue.Count == 0)
        {
            return TryCutForTimers(id, core);
        }

        if (Spec.TimeSortedInput)
        {
            return CutSorted(id, max, core) ?? TryCutForTimers(id, core);
        }

        var taken = new List<StageItem>();
        var allReady = Spec.SideInputs.All(s => core.SideInputComplete(s.PCollection));
        var toScan = _queue.Count;
        while (toScan-- > 0 && taken.Count < max)
        {
            var item = _queue.Dequeue();
            if (allReady || core.SideInputsReady(Spec, item.Element.Window))
            {
                taken.Add(item);
            }
            else
            {
                _queue.Enqueue(item);
            }
        }

        // The loop stopped at the max size with toScan + 1 elements unscanned, now queued in front of the
        // skipped ones: move them behind, so the queue keeps arrival order.
        if (toScan >= 0 && !allReady)
        {
            for (var i = 0; i <= toScan; i++)
            {
                _queue.Enqueue(_queue.Dequeue());
            }
        }

        if (taken.Count == 0)
        {
            return TryCutForTimers(id, core);
        }

        return Issue(id, taken, 1, core);
    }

    private Bundle Issue(BundleId id, List<StageItem> items, int attempt, EngineCore core)
    {
        var perInput = new List<Element>[Spec.Inputs.Count];
        for (var i = 0; i < perInput.Length; i++)
        {
            perInput[i] = [];
        }

        foreach (var item in items)
        {
            perInput[item.Input].Add(item.Element);
        }

        _inFlight.Add(id, (items, attempt));
        var inputs = new BundleInput[perInput.Length];
        for (var i = 0; i < perInput.Length; i++)
        {
            inputs[i] = new BundleInput(Spec.Inputs[i], perInput[i]);
        }

        return new Bundle(id, Id, inputs, InputWatermark) { Attempt = attempt, ProcessingTimeMillis = core.ProcessingTimeMillis, HeldInputWatermarkMillis = Math.Min(InputWatermark, _pending.Min) };
    }

    /// <summary>The smallest timestamp (ms) among an in-flight bundle's input elements; <see cref="long.MaxValue"/> when it has none.</summary>
    public long InputTimestampMin(BundleId id)
    {
        var min = long.MaxValue;
        foreach (var item in _inFlight[id].Items)
        {
            min = Math.Min(min, item.Element.TimestampMillis);
        }

        return min;
    }

    // In-flight bundles keep their elements (not just timestamps) so that a retried bundle can be re-queued as it was.

    /// <summary>The bundle's input elements are processed: they stop holding the output watermark.</summary>
    public void Complete(BundleId id)
    {
        if (!_inFlight.Remove(id, out var bundle))
        {
            throw new InvalidOperationException($"ReferenceRunner bug: bundle {id} is not in flight on stage '{Id}'");
        }

        foreach (var item in bundle.Items)
        {
            _pending.Remove(item.Hold);
        }
    }

    // Java's LateDataUtils.garbageCollectionTime (max timestamp + allowed lateness, capped at the global window's max
    // timestamp) before the input watermark; a batch job drops nothing (its input watermark is the min until the end).
    // For time-sorted input, an element is late once its timestamp + allowed lateness is before the input watermark:
    // elements up to there may already have been handed out, so it could no longer be delivered in order.
    private bool IsLate(Element element)
    {
        if (Spec.StatefulAllowedLatenessMillis is not { } lateness || mode == ExecutionMode.Batch)
        {
            return false;
        }

        if (Spec.TimeSortedInput)
        {
            return ReleaseTime(element.TimestampMillis, lateness) < InputWatermark;
        }

        var max = element.Window.MaxTimestampMillis;
        var gcTime = BeamTime.EndOfGlobalWindowMillis - lateness < max ? BeamTime.EndOfGlobalWindowMillis : max + lateness;
        return gcTime < InputWatermark;
    }

    private static long ReleaseTime(long timestampMillis, long latenessMillis) =>
        timestampMillis > long.MaxValue - latenessMillis ? long.MaxValue : timestampMillis + latenessMillis;

    // Time-sorted input: the queued elements whose timestamp + lateness the input watermark has passed (all of them
    // once the input is over), earliest first (a stable sort: equal timestamps keep their arrival order).
    private Bundle? CutSorted(BundleId id, int max, EngineCore core)
    {
        var lateness = Spec.StatefulAllowedLatenessMillis ?? 0;
        var done = InputWatermark >= BeamTime.MaxTimestampMillis;
        var queued = _queue.ToList();
        var ready = Enumerable.Range(0, queued.Count)
            .Where(i => (done || ReleaseTime(queued[i].Element.TimestampMillis, lateness) < InputWatermark)
                && core.SideInputsReady(Spec, queued[i].Element.Window))
            .OrderBy(i => queued[i].Element.TimestampMillis)
            .Take(max)
            .ToHashSet();
        if (ready.Count == 0)
        {
            return null;
        }

        var taken = ready.OrderBy(i => queued[i].Element.TimestampMillis).ThenBy(static i => i).Select(i => queued[i]).ToList();
        _queue.Clear();
        for (var i = 0; i < queued.Count; i++)
        {
            if (!ready.Contains(i))
            {
                _queue.Enqueue(queued[i]);
            }
        }

        return Issue(id, taken, 1, core);
    }

    public override string Describe(EngineCore core)
    {
        var text = $"queued={_queue.Count}, in-flight bundles={_inFlight.Count}, bundles to retry={_retries.Count}{(_delayed.Count > 0 ? $", delayed residuals={_delayed.Count}" : "")}, pending timestamps=[{_pending.Describe()}]{DescribeTimers()}";
        foreach (var side in Spec.SideInputs)
        {
            text += $", side input '{side.PCollection}' watermark={BeamTime.Format(core.WatermarkOf(side.PCollection))}"
                + (core.SideInputComplete(side.PCollection) ? " (complete)" : " (NOT complete: main input waits)");
        }

        return text;
    }
}
