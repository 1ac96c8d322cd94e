namespace BeamConformance.Engine.Internal;

/// <summary>A multiset of ms timestamps with a cheap minimum: pending element timestamps and watermark holds.</summary>
internal sealed class TimestampMultiset
{
    private readonly SortedDictionary<long, int> _counts = [];

    public int Count { get; private set; }

    /// <summary>The smallest timestamp, or <see cref="long.MaxValue"/> when empty.</summary>
    public long Min => Count == 0 ? long.MaxValue : _counts.First().Key;

    public void Add(long millis)
    {
        _counts[millis] = _counts.TryGetValue(millis, out var n) ? n + 1 : 1;
        Count++;
    }

    public void Remove(long millis)
    {
        if (!_counts.TryGetValue(millis, out var n))
        {
            throw new InvalidOperationException($"ReferenceRunner bug: timestamp {Model.BeamTime.Format(millis)} removed but never added");
        }

        if (n == 1)
        {
            _counts.Remove(millis);
        }
        else
        {
            _counts[millis] = n - 1;
        }

        Count--;
    }

    /// <summary>"ts×count, ..." in time order, for dumps.</summary>
    public string Describe(int max = 5)
    {
        if (Count == 0)
        {
            return "none";
        }

        var parts = _counts.Take(max).Select(static kv => kv.Value == 1 ? Model.BeamTime.Format(kv.Key) : $"{Model.BeamTime.Format(kv.Key)}×{kv.Value}");
        return string.Join(", ", parts) + (_counts.Count > max ? $", ... ({_counts.Count} distinct)" : "");
    }
}
