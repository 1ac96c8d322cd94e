namespace BeamConformance.FakeHarness.Internal.Splits;

/// <summary>
/// Where a data input splits its channel, computed as Beam's SDK harnesses do for an ordinary (non-splittable)
/// consumer: Python <c>DataInputOperation._compute_split</c> (sdks/python/apache_beam/runners/worker/bundle_processor.py)
/// and Java <c>BeamFnDataReadRunner.trySplit</c>. Element indices are 0-based positions in the bundle's input
/// stream for the data input.
/// </summary>
internal static class ChannelSplitter
{
    /// <summary>
    /// Computes a channel split.
    /// </summary>
    /// <param name="index">The index of the element being processed; -1 before the first.</param>
    /// <param name="currentElementProgress">How much of the current element is done, in [0, 1]: 1 before the first
    /// element, 0.5 for an element of a consumer that reports no progress (Beam's default).</param>
    /// <param name="stop">The index of the first element not to process (an earlier split's <c>first_residual_element</c>),
    /// <see cref="long.MaxValue"/> when no split happened yet.</param>
    /// <param name="fractionOfRemainder">DesiredSplit.fraction_of_remainder: the share of the remaining work to keep.</param>
    /// <param name="estimatedInputElements">DesiredSplit.estimated_input_elements: the runner's count of the bundle's
    /// elements for this input (clamped to at least <paramref name="index"/> + 1 and at most <paramref name="stop"/>).</param>
    /// <param name="allowedSplitPoints">DesiredSplit.allowed_split_points: the indices the residual may start at; empty means any.</param>
    /// <returns><c>(last_primary_element, first_residual_element)</c>, or null when no split is possible (the split
    /// point would not be after the current element and before <paramref name="stop"/>).</returns>
    public static (long LastPrimary, long FirstResidual)? Compute(
        long index, double currentElementProgress, long stop, double fractionOfRemainder, long estimatedInputElements, IReadOnlyList<long> allowedSplitPoints)
    {
        var total = estimatedInputElements;
        if (total < index + 1)
        {
            total = index + 1;
        }
        else if (total > stop)
        {
            total = stop;
        }

        // In elements (possibly fractional): what is left of the bundle, and how much of it the primary keeps.
        var remainder = total - index - currentElementProgress;
        var keep = remainder * fractionOfRemainder;

        // The closest element boundary; Python's round() rounds halves to even, as Math.Round does by default.
        var splitAt = index + Math.Max(1L, (long)Math.Round(currentElementProgress + keep));
        if (allowedSplitPoints.Count > 0 && !allowedSplitPoints.Contains(splitAt))
        {
            splitAt = ClosestAllowed(allowedSplitPoints, index, splitAt);
        }

        return index < splitAt && splitAt < stop ? (splitAt - 1, splitAt) : null;
    }

    /// <summary>
    /// Computes a split of an input whose current element can split (a splittable DoFn), as Python's
    /// <c>DataInputOperation._compute_split</c> does with its receiver's <c>try_split</c>: when the work the primary keeps
    /// ends inside the current element (<c>keep &lt; 1 - progress</c>) and the current index is an allowed split point
    /// (or none are given), the element is asked to keep <c>keep / (1 - progress)</c> of its remainder; if it splits,
    /// the answer is the element split with the channel split <c>(index - 1, index + 1)</c>. Otherwise, as
    /// <see cref="Compute"/>.
    /// </summary>
    /// <param name="index">The index of the element being processed (0 or more).</param>
    /// <param name="currentElementProgress">The fraction of the current element done.</param>
    /// <param name="stop">The stop index (see <see cref="Compute"/>).</param>
    /// <param name="fractionOfRemainder">DesiredSplit.fraction_of_remainder.</param>
    /// <param name="estimatedInputElements">DesiredSplit.estimated_input_elements.</param>
    /// <param name="allowedSplitPoints">DesiredSplit.allowed_split_points.</param>
    /// <param name="trySplitElement">Splits the current element at a fraction of its remainder (null: it cannot).</param>
    public static InputSplit? ComputeWithin(
        long index,
        double currentElementProgress,
        long stop,
        double fractionOfRemainder,
        long estimatedInputElements,
        IReadOnlyList<long> allowedSplitPoints,
        Func<double, ElementSplit?> trySplitElement)
    {
        var total = Math.Clamp(estimatedInputElements, index + 1, Math.Max(index + 1, stop));
        var keep = (total - index - currentElementProgress) * fractionOfRemainder;
        var elementRemaining = 1 - currentElementProgress;
        if (currentElementProgress < 1 && keep < elementRemaining && (allowedSplitPoints.Count == 0 || allowedSplitPoints.Contains(index)))
        {
            var elementFraction = keep / elementRemaining;
            if (elementFraction < 1 && trySplitElement(elementFraction) is { } roots)
            {
                return new InputSplit(index - 1, index + 1, roots);
            }
        }

        return Compute(index, currentElementProgress, stop, fractionOfRemainder, estimatedInputElements, allowedSplitPoints) is { } channel
            ? new InputSplit(channel.LastPrimary, channel.FirstResidual, null)
            : null;
    }

    // Beam's choice among allowed points: bisect to the first allowed point above splitAt; past either end take the
    // end; between two, the lower one only when it is after the current element and strictly closer.
    private static long ClosestAllowed(IReadOnlyList<long> allowed, long index, long splitAt)
    {
        var sorted = allowed.Order().ToArray();
        var above = 0;
        while (above < sorted.Length && sorted[above] <= splitAt)
        {
            above++;
        }

        if (above == 0)
        {
            return sorted[0];
        }

        if (above == sorted.Length)
        {
            return sorted[^1];
        }

        var below = sorted[above - 1];
        var next = sorted[above];
        return index < below && splitAt - below < next - splitAt ? below : next;
    }
}
