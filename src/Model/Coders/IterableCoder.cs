using System.Buffers;
using System.Collections;

namespace BeamConformance.Model.Coders;

/// <summary>
/// <c>beam:coder:iterable:v1</c>. Value: <see cref="IReadOnlyList{T}"/> of element values (decodes to an array;
/// encodes any <see cref="IEnumerable"/> other than strings and byte arrays). Elements are always nested.
/// </summary>
/// <remarks>
/// Known length (any collection): big-endian int32 count then the elements. Unknown length (a lazy enumerable,
/// or <see cref="WriteChunked"/>): int32 -1, then chunks of <c>varint(n)</c> and n elements, then <c>varint(0)</c>.
/// Both forms decode; the count and chunk sizes must not be negative.
/// </remarks>
public sealed class IterableCoder : Coder
{
    /// <summary>Chunk size threshold, in encoded bytes, for the unknown-length form (Java uses 64 KiB).</summary>
    public const int DefaultChunkBytes = 64 * 1024;

    /// <summary>Creates the coder.</summary>
    public IterableCoder(Coder elementCoder)
        : base(Urns.Coders.Iterable, [elementCoder ?? throw new ArgumentNullException(nameof(elementCoder))]) =>
        ElementCoder = elementCoder;

    /// <summary>The element component.</summary>
    public Coder ElementCoder { get; }

    /// <inheritdoc />
    public override void Encode(object? value, CoderWriter writer, bool nested)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value)
        {
            case string or byte[] or null:
                throw CannotEncode(value, "a list of elements");
            case IReadOnlyList<object?> list:
                WriteKnownLength(list, list.Count, writer);
                break;
            case ICollection collection:
                WriteKnownLength(collection, collection.Count, writer);
                break;
            case IEnumerable lazy:
                WriteChunked(lazy.Cast<object?>(), writer);
                break;
            default:
                throw CannotEncode(value, "a list of elements");
        }
    }

    private void WriteKnownLength(IEnumerable elements, int count, CoderWriter writer)
    {
        writer.WriteInt32BigEndian(count);
        foreach (var element in elements)
        {
            ElementCoder.Encode(element, writer, nested: true);
        }
    }

    /// <summary>
    /// Writes <paramref name="elements"/> in the unknown-length form: int32 -1, chunks of at most
    /// <paramref name="chunkBytes"/> encoded bytes (at least one element each), then varint 0.
    /// </summary>
    public void WriteChunked(IEnumerable<object?> elements, CoderWriter writer, int chunkBytes = DefaultChunkBytes)
    {
        ArgumentNullException.ThrowIfNull(elements);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteInt32BigEndian(-1);
        WriteChunks(ElementCoder, elements, writer, chunkBytes);
        writer.WriteVarInt64(0);
    }

    /// <summary>Writes the chunks of the unknown-length form, without the leading -1 or the terminator.</summary>
    internal static void WriteChunks(Coder elementCoder, IEnumerable<object?> elements, CoderWriter writer, int chunkBytes)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var chunkWriter = new CoderWriter(buffer);
        var count = 0;
        foreach (var element in elements)
        {
            elementCoder.Encode(element, chunkWriter, nested: true);
            count++;
            if (buffer.WrittenCount >= chunkBytes)
            {
                Flush();
            }
        }

        if (count > 0)
        {
            Flush();
        }

        void Flush()
        {
            writer.WriteVarInt64(count);
            writer.WriteRaw(buffer.WrittenSpan);
            buffer.ResetWrittenCount();
            count = 0;
        }
    }

    /// <inheritdoc />
    public override object? Decode(ref CoderReader reader, bool nested)
    {
        var elements = new List<object?>();
        ReadElements(ref reader, ElementCoder, Urn, elements, skip: false, allowStateToken: false);
        return elements.ToArray();
    }

    /// <inheritdoc />
    public override void Skip(ref CoderReader reader, bool nested) =>
        ReadElements(ref reader, ElementCoder, Urn, null, skip: true, allowStateToken: false);

    /// <summary>
    /// Reads either iterable form into <paramref name="into"/> (or skips the elements). Returns 0 for a complete
    /// iterable, -1 when the chunks ended with a state-token marker (only when <paramref name="allowStateToken"/>).
    /// </summary>
    internal static long ReadElements(ref CoderReader reader, Coder elementCoder, string urn, List<object?>? into, bool skip, bool allowStateToken)
    {
        var at = reader.Position;
        var count = reader.ReadInt32BigEndian(urn);
        if (count >= 0)
        {
            into?.EnsureCapacity(Math.Min(count, 1 << 16));
            for (var i = 0; i < count; i++)
            {
                ReadOne(ref reader, elementCoder, into, skip);
            }

            return 0;
        }

        if (count != -1)
        {
            throw new CoderException(urn, at, $"negative element count {count}");
        }

        while (true)
        {
            var chunkAt = reader.Position;
            var chunk = reader.ReadVarInt64(urn);
            if (chunk == 0)
            {
                return 0;
            }

            if (chunk == -1 && allowStateToken)
            {
                return -1;
            }

            if (chunk < 0 || chunk > int.MaxValue)
            {
                throw new CoderException(urn, chunkAt, $"invalid chunk size {chunk}");
            }

            for (var i = 0; i < chunk; i++)
            {
                ReadOne(ref reader, elementCoder, into, skip);
            }
        }
    }

    private static void ReadOne(ref CoderReader reader, Coder elementCoder, List<object?>? into, bool skip)
    {
        if (skip)
        {
            elementCoder.Skip(ref reader, nested: true);
        }
        else
        {
            into!.Add(elementCoder.Decode(ref reader, nested: true));
        }
    }
}
