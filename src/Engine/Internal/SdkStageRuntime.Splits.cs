namespace BeamConformance.Engine.Internal;

/// <summary>Channel splits: a committed bundle's residual elements go back to the stage's input.</summary>
internal sealed partial class SdkStageRuntime
{
    /// <summary>How many elements of <paramref name="pcollection"/> an in-flight bundle holds; null when it is not a main input of the stage.</summary>
    public int? InFlightElementCount(BundleId id, PCollectionId pcollection)
    {
        var input = IndexOfInput(pcollection);
        return input < 0 ? null : _inFlight[id].Items.Count(i => i.Input == input);
    }

    /// <summary>
    /// The bundle is committed: its processed elements stop holding the output watermark; the residual roots of element
    /// splits (each holding the output watermark at its hold) and then the residual elements (from each input's first
    /// residual index on) are issued again, in their order, before other work of the stage.
    /// </summary>
    public void Complete(BundleId id, IReadOnlyDictionary<PCollectionId, int> firstResidualElements, IReadOnlyList<ResidualRoot> residualRoots)
    {
        if (firstResidualElements.Count == 0 && residualRoots.Count == 0)
        {
            Complete(id);
            return;
        }

        if (!_inFlight.Remove(id, out var bundle))
        {
            throw new InvalidOperationException($"ReferenceRunner bug: bundle {id} is not in flight on stage '{Id}'");
        }

        var seen = new int[Spec.Inputs.Count];
        var residual = new List<StageItem>();
        foreach (var root in residualRoots)
        {
            residual.Add(new StageItem(IndexOfInput(root.Input), root.Element, root.HoldMillis));
            _pending.Add(root.HoldMillis);
        }

        foreach (var item in bundle.Items)
        {
            var position = seen[item.Input]++;
            if (firstResidualElements.TryGetValue(Spec.Inputs[item.Input], out var first) && position >= first)
            {
                residual.Add(item);
            }
            else
            {
                _pending.Remove(item.Hold);
            }
        }

        if (residual.Count > 0)
        {
            _retries.Enqueue((residual, 1));
        }
    }

    /// <summary>The index of <paramref name="pcollection"/> among the stage's main inputs; -1 when it is not one.</summary>
    public int IndexOfInput(PCollectionId pcollection)
    {
        for (var i = 0; i < Spec.Inputs.Count; i++)
        {
            if (Spec.Inputs[i] == pcollection)
            {
                return i;
            }
        }

        return -1;
    }
}
