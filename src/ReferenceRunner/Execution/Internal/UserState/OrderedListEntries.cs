using BeamConformance.ReferenceRunner.FnApi;

namespace BeamConformance.ReferenceRunner.Execution.Internal.UserState;

/// <summary>
/// Splits ordered-list state data into entries: each is <c>KV&lt;varint sort key, length-prefixed value&gt;</c>
/// (<c>beam_fn_api.proto</c>, <c>StateAppendRequest.data</c>): the sort key an int64 as a base-128 varint of its two's
/// complement (Beam's varint coder; 10 bytes when negative), then a varint byte length and the value's bytes.
/// </summary>
internal static class OrderedListEntries
{
    /// <exception cref="StateRequestRejectedException">The bytes are no such entries.</exception>
    public static List<(long SortKey, byte[] Entry)> Split(ReadOnlySpan<byte> data)
    {
        var entries = new List<(long, byte[])>();
        var at = 0;
        while (at < data.Length)
        {
            var start = at;
            var sortKey = (long)ReadVarint(data, ref at);
            var length = ReadVarint(data, ref at);
            if (length > (ulong)(data.Length - at))
            {
                throw new StateRequestRejectedException(
                    $"ordered-list entry at byte {start} says its value has {length} bytes, but {data.Length - at} are left (expected KV<varint sort key, length-prefixed value>)");
            }

            at += (int)length;
            entries.Add((sortKey, data[start..at].ToArray()));
        }

        return entries;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (at >= data.Length)
            {
                throw new StateRequestRejectedException($"ordered-list data ends inside a varint at byte {at}");
            }

            var b = data[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new StateRequestRejectedException($"ordered-list data has a varint longer than 10 bytes ending at byte {at}");
    }
}
