using BeamConformance.Model;
using BeamConformance.Model.Coders;
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
        var reader = new CoderReader(data);
        while (!reader.AtEnd)
        {
            var start = reader.Position;
            try
            {
                var sortKey = reader.ReadVarInt64(Urns.UserState.OrderedList);
                var length = reader.ReadVarInt64(Urns.UserState.OrderedList);
                if (length < 0 || length > reader.Remaining)
                {
                    throw new StateRequestRejectedException(
                        $"ordered-list entry at byte {start} says its value has {length} bytes, but {reader.Remaining} are left (expected KV<varint sort key, length-prefixed value>)");
                }

                reader.ReadRaw(Urns.UserState.OrderedList, length);
                entries.Add((sortKey, data[start..reader.Position].ToArray()));
            }
            catch (CoderException e)
            {
                throw new StateRequestRejectedException($"ordered-list entry at byte {start} is no KV<varint sort key, length-prefixed value>: {e.Message}", e);
            }
        }

        return entries;
    }
}
