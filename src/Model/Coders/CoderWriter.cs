using System.Buffers;
using System.Buffers.Binary;

namespace BeamConformance.Model.Coders;

/// <summary>
/// Appends the model's primitive encodings to an <see cref="IBufferWriter{T}"/>: unsigned LEB128 varints,
/// big-endian fixed-width integers, IEEE-754 doubles and shifted millisecond timestamps.
/// </summary>
public sealed class CoderWriter
{
    private readonly IBufferWriter<byte> _output;

    /// <summary>Writes into <paramref name="output"/>.</summary>
    public CoderWriter(IBufferWriter<byte> output) => _output = output ?? throw new ArgumentNullException(nameof(output));

    /// <summary>The number of bytes written through this writer so far.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Writes one byte.</summary>
    public void WriteByte(byte value)
    {
        var span = _output.GetSpan(1);
        span[0] = value;
        Advance(1);
    }

    /// <summary>Writes raw bytes, without a length.</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        var span = _output.GetSpan(bytes.Length);
        bytes.CopyTo(span);
        Advance(bytes.Length);
    }

    /// <summary>
    /// Writes <paramref name="value"/> as Beam's varint: the 64-bit two's complement pattern as unsigned LEB128,
    /// 1 to 10 bytes (-1 takes 10 bytes).
    /// </summary>
    public void WriteVarInt64(long value)
    {
        var span = _output.GetSpan(10);
        var v = (ulong)value;
        var i = 0;
        while (v >= 0x80)
        {
            span[i++] = (byte)(v | 0x80);
            v >>= 7;
        }

        span[i++] = (byte)v;
        Advance(i);
    }

    /// <summary>Writes a big-endian 32-bit integer (the iterable coder's element count).</summary>
    public void WriteInt32BigEndian(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_output.GetSpan(4), value);
        Advance(4);
    }

    /// <summary>Writes a big-endian 64-bit integer.</summary>
    public void WriteInt64BigEndian(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(_output.GetSpan(8), value);
        Advance(8);
    }

    /// <summary>Writes a double as its IEEE-754 bit pattern, big-endian (<c>beam:coder:double:v1</c>).</summary>
    public void WriteDouble(double value) => WriteInt64BigEndian(BitConverter.DoubleToInt64Bits(value));

    /// <summary>
    /// Writes a timestamp in ms as the model encodes it: 8 bytes big-endian of <c>millis - long.MinValue</c>
    /// (the sign bit flipped), so that byte order matches time order.
    /// </summary>
    public void WriteTimestampMillis(long millis) => WriteInt64BigEndian(millis ^ long.MinValue);

    /// <summary>Writes a varint length then the bytes (<c>beam:coder:bytes:v1</c> in the nested context).</summary>
    public void WriteLengthPrefixed(ReadOnlySpan<byte> bytes)
    {
        WriteVarInt64(bytes.Length);
        WriteRaw(bytes);
    }

    /// <summary>The number of bytes <see cref="WriteVarInt64"/> writes for <paramref name="value"/>.</summary>
    public static int VarInt64Size(long value)
    {
        var v = (ulong)value;
        var n = 1;
        while (v >= 0x80)
        {
            v >>= 7;
            n++;
        }

        return n;
    }

    private void Advance(int count)
    {
        _output.Advance(count);
        BytesWritten += count;
    }
}
