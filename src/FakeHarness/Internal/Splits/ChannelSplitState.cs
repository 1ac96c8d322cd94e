namespace BeamConformance.FakeHarness.Internal.Splits;

/// <summary>
/// The split state of one data input in one bundle, shared by the task reading the input and the control task
/// answering ProcessBundleSplitRequests: the index of the current element (-1 before the first), the stop index
/// (the first residual element of the last split; none before one) and whether the input is started. Thread-safe.
/// </summary>
internal sealed class ChannelSplitState
{
    private readonly Lock _lock = new();
    private long _index = -1;
    private long _stop = long.MaxValue;
    private bool _started;

    /// <summary>The consumer that may split its current element (a splittable DoFn's Process part); null for ordinary consumers.</summary>
    public IElementSplitter? Element { get; set; }

    /// <summary>The index of the element being processed (-1 before the first; the element count once finished): the
    /// data channel's read index (<c>beam:metric:data_channel:read_index:v1</c>) in progress reports.</summary>
    public long Index
    {
        get
        {
            lock (_lock)
            {
                return _index;
            }
        }
    }

    /// <summary>The input begins: splits may be answered from now on.</summary>
    public void Start()
    {
        lock (_lock)
        {
            _started = true;
        }
    }

    /// <summary>Claims the next element for processing; false when the element is at or past the stop index (the residual's).</summary>
    public bool TryClaimNext()
    {
        lock (_lock)
        {
            if (_index == _stop - 1)
            {
                return false;
            }

            _index++;
            return true;
        }
    }

    /// <summary>The input read its last element: the current element is done and no split is answered any more.</summary>
    public void Finish()
    {
        lock (_lock)
        {
            _index++;
            _started = false;
        }
    }

    /// <summary>
    /// Answers a DesiredSplit for this input (see <see cref="ChannelSplitter.Compute"/>; an ordinary consumer reports
    /// no progress within an element, so the current element counts as half done, as in Beam's SDKs; a splittable
    /// consumer reports its restriction's progress and may split inside the current element,
    /// <see cref="ChannelSplitter.ComputeWithin"/>); a split moves the stop index to its first residual element.
    /// </summary>
    /// <returns>The split, or null when the input is not running or no split is possible.</returns>
    public InputSplit? TrySplit(double fractionOfRemainder, long estimatedInputElements, IReadOnlyList<long> allowedSplitPoints)
    {
        lock (_lock)
        {
            if (!_started)
            {
                return null;
            }

            var progress = _index == -1 ? 1.0 : Element?.CurrentProgress() ?? 0.5;
            var split = Element is { } element && _index >= 0
                ? ChannelSplitter.ComputeWithin(_index, progress, _stop, fractionOfRemainder, estimatedInputElements, allowedSplitPoints, element.TrySplit)
                : ChannelSplitter.Compute(_index, progress, _stop, fractionOfRemainder, estimatedInputElements, allowedSplitPoints) is { } channel
                    ? new InputSplit(channel.LastPrimary, channel.FirstResidual, null)
                    : null;
            if (split is { } s)
            {
                _stop = s.FirstResidual;
            }

            return split;
        }
    }
}
