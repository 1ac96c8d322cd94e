using BeamConformance.Model;

namespace BeamConformance.Engine.Internal;

/// <summary>A fused ExecutableStage: queues input elements in arrival order and cuts them into bundles.</summary>
internal sealed partial class SdkStageRuntime(StageSpec spec) : StageRuntime(spec)
{
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

    public override void Accept(int inputIndex, Element element, EngineCore core)
    {
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
            return Issue(id, items, attempt);
        }

        if (_queue.Count == 0)
        {
            return null;
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
            return null;
        }

        return Issue(id, taken, 1);
    }

    private Bundle Issue(BundleId id, List<StageItem> items, int attempt)
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

        return new Bundle(id, Id, inputs, InputWatermark) { Attempt = attempt };
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

    public override string Describe(EngineCore core)
    {
        var text = $"queued={_queue.Count}, in-flight bundles={_inFlight.Count}, bundles to retry={_retries.Count}{(_delayed.Count > 0 ? $", delayed residuals={_delayed.Count}" : "")}, pending timestamps=[{_pending.Describe()}]";
        foreach (var side in Spec.SideInputs)
        {
            text += $", side input '{side.PCollection}' watermark={BeamTime.Format(core.WatermarkOf(side.PCollection))}"
                + (core.SideInputComplete(side.PCollection) ? " (complete)" : " (NOT complete: main input waits)");
        }

        return text;
    }
}
