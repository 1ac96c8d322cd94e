using System.Buffers.Binary;

namespace BeamConformance.Model.Coders;

/// <summary>
/// Reads the model's primitive encodings from a span, tracking the byte offset so that every failure is a
/// <see cref="CoderException"/> naming the coder URN (passed by the caller) and the offset.
/// </summary>
public ref struct CoderReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private readonly int _end;

    /// <summary>Reads <paramref name="buffer"/> from its start.</summary>
    public CoderReader(ReadOnlySpan<byte> buffer)
    {
        _buffer = buffer;
        _end = buffer.Length;
        Position = 0;
    }

    private CoderReader(ReadOnlySpan<byte> buffer, int start, int end)
    {
        _buffer = buffer;
        _end = end;
        Position = start;
    }

    /// <summary>Offset of the next byte to read, from the start of the buffer.</summary>
    public int Position { get; private set; }

    /// <summary>Bytes left to read.</summary>
    public readonly int Remaining => _end - Position;

    /// <summary>True when every byte has been read.</summary>
    public readonly bool AtEnd => Position >= _end;

    /// <summary>
    /// Takes the next <paramref name="length"/> bytes as a reader of their own (whose end is their end, for an
    /// outer-context value inside a length prefix); offsets stay counted from the start of the whole buffer.
    /// </summary>
    /// <exception cref="CoderException">Fewer bytes are left.</exception>
    public CoderReader ReadSubReader(string urn, int length)
    {
        if (length < 0 || length > Remaining)
        {
            throw Truncated(urn, length);
        }

        var sub = new CoderReader(_buffer, Position, Position + length);
        Position += length;
        return sub;
    }

    /// <summary>The bytes between two positions already read (for slicing out one encoded element).</summary>
    public readonly ReadOnlySpan<byte> Slice(int start, int length) => _buffer.Slice(start, length);

    /// <summary>Reads one byte.</summary>
    /// <exception cref="CoderException">No byte is left.</exception>
    public byte ReadByte(string urn)
    {
        if (Position >= _end)
        {
            throw Truncated(urn, 1);
        }

        return _buffer[Position++];
    }

    /// <summary>Reads <paramref name="count"/> raw bytes.</summary>
    /// <exception cref="CoderException">Fewer bytes are left, or the count is negative.</exception>
    public ReadOnlySpan<byte> ReadRaw(string urn, long count)
    {
        if (count < 0)
        {
            throw new CoderException(urn, Position, $"negative length {count}");
        }

        if (count > Remaining)
        {
            throw Truncated(urn, count);
        }

        var slice = _buffer.Slice(Position, (int)count);
        Position += (int)count;
        return slice;
    }

    /// <summary>Reads every remaining byte (the outer context's "rest of the stream").</summary>
    public ReadOnlySpan<byte> ReadToEnd()
    {
        var slice = _buffer[Position.._end];
        Position = _end;
        return slice;
    }

    /// <summary>Reads a Beam varint (unsigned LEB128 of a 64-bit pattern, at most 10 bytes).</summary>
    /// <exception cref="CoderException">Truncated, longer than 10 bytes, or overflowing 64 bits.</exception>
    public long ReadVarInt64(string urn)
    {
        var start = Position;
        ulong result = 0;
        var shift = 0;
        while (true)
        {
            if (Position >= _end)
            {
                throw new CoderException(urn, Position, $"truncated varint (started at offset {start})");
            }

            var b = _buffer[Position++];
            if (shift == 63 && (b & 0x80) != 0)
            {
                throw new CoderException(urn, start, "varint longer than 10 bytes");
            }

            if (shift == 63 && b > 1)
            {
                throw new CoderException(urn, start, "varint overflows 64 bits");
            }

            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return (long)result;
            }

            shift += 7;
        }
    }

    /// <summary>Reads a varint that must be a length: 0 to <see cref="Remaining"/>.</summary>
    /// <exception cref="CoderException">Negative, or larger than the bytes left.</exception>
    public int ReadLength(string urn)
    {
        var at = Position;
        var length = ReadVarInt64(urn);
        if (length < 0)
        {
            throw new CoderException(urn, at, $"negative length {length}");
        }

        if (length > Remaining)
        {
            throw new CoderException(urn, at, $"length {length} exceeds the {Remaining} bytes left");
        }

        return (int)length;
    }

    /// <summary>Reads a big-endian 32-bit integer.</summary>
    public int ReadInt32BigEndian(string urn) => BinaryPrimitives.ReadInt32BigEndian(ReadRaw(urn, 4));

    /// <summary>Reads a big-endian 64-bit integer.</summary>
    public long ReadInt64BigEndian(string urn) => BinaryPrimitives.ReadInt64BigEndian(ReadRaw(urn, 8));

    /// <summary>Reads an IEEE-754 double, big-endian.</summary>
    public double ReadDouble(string urn) => BitConverter.Int64BitsToDouble(ReadInt64BigEndian(urn));

    /// <summary>Reads a shifted big-endian ms timestamp (see <see cref="CoderWriter.WriteTimestampMillis"/>).</summary>
    public long ReadTimestampMillis(string urn) => ReadInt64BigEndian(urn) ^ long.MinValue;

    /// <summary>Reads a varint length then that many bytes.</summary>
    public ReadOnlySpan<byte> ReadLengthPrefixed(string urn) => ReadRaw(urn, ReadLength(urn));

    /// <summary>Builds the error for input that ends before <paramref name="needed"/> more bytes.</summary>
    public readonly CoderException Truncated(string urn, long needed) =>
        new(urn, Position, $"truncated input: needed {needed} byte(s), {Remaining} left");
}
