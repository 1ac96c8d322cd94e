namespace BeamConformance.Engine;

/// <summary>
/// Encodes the output of a GroupByKey as its model coder does: <c>KV&lt;K, Iterable&lt;V&gt;&gt;</c> with
/// <c>beam:coder:kv:v1</c> over <c>beam:coder:iterable:v1</c>: the key's nested bytes, then a big-endian
/// int32 count, then each value's nested bytes.
/// </summary>
public static class GroupByKeyEncoding
{
    /// <summary>Encodes a grouped key and its values.</summary>
    /// <param name="keyBytes">The key's nested encoding, copied as is.</param>
    /// <param name="values">Each value's nested encoding, in order.</param>
    /// <returns>The KV bytes; the key is the first <c>keyBytes.Length</c> bytes.</returns>
    public static byte[] EncodeKeyedIterable(ReadOnlySpan<byte> keyBytes, IReadOnlyList<ReadOnlyMemory<byte>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var length = keyBytes.Length + 4;
        foreach (var value in values)
        {
            length += value.Length;
        }

        var bytes = new byte[length];
        keyBytes.CopyTo(bytes);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(keyBytes.Length), values.Count);
        var offset = keyBytes.Length + 4;
        foreach (var value in values)
        {
            value.Span.CopyTo(bytes.AsSpan(offset));
            offset += value.Length;
        }

        return bytes;
    }
}
