using System.Buffers.Binary;

namespace BeamConformance.Model.Coders.Internal;

/// <summary>The row field encodings that are not standard coders: BYTE (1 byte), INT16 (2 bytes BE), INT32 (varint), FLOAT (4 bytes BE).</summary>
internal sealed class RowScalarCoder : Coder
{
    private readonly Kind _kind;

    private RowScalarCoder(Kind kind, string name) : base(name) => _kind = kind;

    private enum Kind { Byte, Int16, Int32, Float }

    public static RowScalarCoder Byte { get; } = new(Kind.Byte, Urns.Coders.Row + " BYTE field");
    public static RowScalarCoder Int16 { get; } = new(Kind.Int16, Urns.Coders.Row + " INT16 field");
    public static RowScalarCoder Int32 { get; } = new(Kind.Int32, Urns.Coders.Row + " INT32 field");
    public static RowScalarCoder Float { get; } = new(Kind.Float, Urns.Coders.Row + " FLOAT field");

    public override void Encode(object? value, CoderWriter writer, bool nested)
    {
        switch (_kind)
        {
            case Kind.Byte:
                writer.WriteByte(value switch
                {
                    byte b => b,
                    sbyte sb => (byte)sb,
                    _ when VarIntCoder.TryGetInt64(value, out var l) && l is >= sbyte.MinValue and <= byte.MaxValue => (byte)l,
                    _ => throw CannotEncode(value, "a byte"),
                });
                break;
            case Kind.Int16:
                var s = VarIntCoder.TryGetInt64(value, out var ls) && ls is >= short.MinValue and <= short.MaxValue ? (short)ls : throw CannotEncode(value, "an Int16");
                Span<byte> two = stackalloc byte[2];
                BinaryPrimitives.WriteInt16BigEndian(two, s);
                writer.WriteRaw(two);
                break;
            case Kind.Int32:
                var i = VarIntCoder.TryGetInt64(value, out var li) && li is >= int.MinValue and <= int.MaxValue ? (int)li : throw CannotEncode(value, "an Int32");
                writer.WriteVarInt64(i);
                break;
            default:
                var f = value switch
                {
                    float x => x,
                    double d => (float)d,
                    _ => throw CannotEncode(value, "a float"),
                };
                Span<byte> four = stackalloc byte[4];
                BinaryPrimitives.WriteInt32BigEndian(four, BitConverter.SingleToInt32Bits(f));
                writer.WriteRaw(four);
                break;
        }
    }

    public override object? Decode(ref CoderReader reader, bool nested)
    {
        switch (_kind)
        {
            case Kind.Byte:
                return reader.ReadByte(Urn);
            case Kind.Int16:
                return BinaryPrimitives.ReadInt16BigEndian(reader.ReadRaw(Urn, 2));
            case Kind.Int32:
                var at = reader.Position;
                var v = reader.ReadVarInt64(Urn);
                // Java writes an int as the varint of its unsigned 32-bit pattern; accept that and sign-extended forms.
                if (v is >= int.MinValue and <= int.MaxValue)
                {
                    return (int)v;
                }

                if (v is > int.MaxValue and <= uint.MaxValue)
                {
                    return unchecked((int)(uint)v);
                }

                throw new CoderException(Urn, at, $"varint {v} does not fit an INT32 field");
            default:
                return BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadInt32BigEndian(reader.ReadRaw(Urn, 4)));
        }
    }
}
