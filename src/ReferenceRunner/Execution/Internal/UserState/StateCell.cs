namespace BeamConformance.ReferenceRunner.Execution.Internal.UserState;

/// <summary>
/// The contents of one user state cell. Bag: the appended blobs in order (each <c>StateAppendRequest.data</c> as sent).
/// Multimap: map keys in first-append order, each with its appended value blobs. Ordered list: entries
/// (<c>KV&lt;varint sort key, length-prefixed value&gt;</c> bytes) sorted by sort key, appends of one sort key in order.
/// </summary>
internal sealed class StateCell
{
    public List<byte[]> Bag { get; } = [];

    public List<(byte[] MapKey, List<byte[]> Values)> Map { get; } = [];

    public List<(long SortKey, byte[] Entry)> Sorted { get; } = [];

    public bool IsEmpty => Bag.Count == 0 && Map.Count == 0 && Sorted.Count == 0;

    public StateCell Clone()
    {
        var copy = new StateCell();
        copy.Bag.AddRange(Bag);
        copy.Map.AddRange(Map.Select(static m => (m.MapKey, new List<byte[]>(m.Values))));
        copy.Sorted.AddRange(Sorted);
        return copy;
    }

    public int MapIndex(ReadOnlySpan<byte> mapKey)
    {
        for (var i = 0; i < Map.Count; i++)
        {
            if (mapKey.SequenceEqual(Map[i].MapKey))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Inserts an ordered-list entry after every entry whose sort key is not greater (appends of one sort key keep their order).</summary>
    public void InsertSorted(long sortKey, byte[] entry)
    {
        var at = Sorted.Count;
        while (at > 0 && Sorted[at - 1].SortKey > sortKey)
        {
            at--;
        }

        Sorted.Insert(at, (sortKey, entry));
    }
}
