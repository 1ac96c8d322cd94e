namespace BeamConformance.FakeHarness.Internal.Sdf;

/// <summary>
/// A restriction tracker over the offsets <c>[From, To)</c>, as Beam's <c>OffsetRangeTracker</c> (Java
/// <c>org.apache.beam.sdk.transforms.splittabledofn.OffsetRangeTracker</c>, Python
/// <c>OffsetRestrictionTracker</c>): offsets are claimed in increasing order; a split keeps
/// <c>[From, split)</c> and hands back <c>[split, To)</c>. Thread-safe: the bundle's task claims, the control task
/// splits and reads progress.
/// </summary>
internal sealed class OffsetRangeTracker(long from, long to)
{
    private readonly Lock _lock = new();
    private long _to = to;
    private long? _lastAttempted;

    /// <summary>The first offset of the restriction.</summary>
    public long From { get; } = from;

    /// <summary>The end (exclusive) of the restriction: shrinks when it is split.</summary>
    public long To
    {
        get
        {
            lock (_lock)
            {
                return _to;
            }
        }
    }

    /// <summary>Claims <paramref name="offset"/>: true when it is in the (possibly split) range and may be processed.</summary>
    /// <exception cref="InvalidOperationException">Offsets are claimed out of order.</exception>
    public bool TryClaim(long offset)
    {
        lock (_lock)
        {
            if (_lastAttempted is { } last && offset <= last)
            {
                throw new InvalidOperationException($"offset {offset} claimed after offset {last}: claims must increase");
            }

            _lastAttempted = offset;
            return offset < _to;
        }
    }

    /// <summary>
    /// Splits the rest of the range, keeping <paramref name="fractionOfRemainder"/> of what is not claimed yet: the
    /// split point is <c>cur + max(1, trunc((To - cur) × fraction))</c> with <c>cur</c> the last claimed offset
    /// (<c>From - 1</c> before the first claim), as Java's <c>OffsetRangeTracker.trySplit</c> and Python's
    /// <c>OffsetRestrictionTracker.try_split</c> compute it; none when that point is not before <c>To</c>.
    /// </summary>
    /// <returns>The primary and residual ranges, or null when the range cannot be split.</returns>
    public ((long From, long To) Primary, (long From, long To) Residual)? TrySplit(double fractionOfRemainder)
    {
        lock (_lock)
        {
            var current = _lastAttempted ?? From - 1;
            var splitAt = current + Math.Max(1L, (long)((_to - current) * fractionOfRemainder));
            if (splitAt >= _to)
            {
                return null;
            }

            var residual = (splitAt, _to);
            _to = splitAt;
            return ((From, splitAt), residual);
        }
    }

    /// <summary>
    /// The work done and left, in offsets, as Java's <c>OffsetRangeTracker.getProgress</c>: completed
    /// <c>last claimed - From</c>, remaining <c>To - last claimed</c> (before any claim: 0 and the range's size).
    /// </summary>
    public (double Completed, double Remaining) Progress()
    {
        lock (_lock)
        {
            if (_lastAttempted is not { } last)
            {
                return (0, _to - From);
            }

            var remaining = Math.Max(0, _to - last);
            return (_to - From - remaining, remaining);
        }
    }

    /// <summary>The fraction of the range done, in [0, 1] (1 for an empty range).</summary>
    public double FractionCompleted()
    {
        var (completed, remaining) = Progress();
        return completed + remaining <= 0 ? 1.0 : completed / (completed + remaining);
    }
}
