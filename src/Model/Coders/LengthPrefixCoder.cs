using System.Buffers;

namespace BeamConformance.Model.Coders;

/// <summary>
/// <c>beam:coder:length_prefix:v1</c>. Value: the component's value. A varint byte length, then the component's
/// encoding in the outer context. Around an <see cref="OpaqueCoder"/> (a coder the runner does not know) the
/// value is the raw encoded bytes: this is how a runner carries elements it cannot decode.
/// </summary>
public sealed class LengthPrefixCoder : Coder
{
    /// <summary>Creates the coder.</summary>
    public LengthPrefixCoder(Coder valueCoder)
        : base(Urns.Coders.LengthPrefix, [valueCoder ?? throw new ArgumentNullException(nameof(valueCoder))]) =>
        ValueCoder = valueCoder;

    /// <summary>The wrapped component.</summary>
    public Coder ValueCoder { get; }

    /// <inheritdoc />
    public override void Encode(object? value, CoderWriter writer, bool nested)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var buffer = new ArrayBufferWriter<byte>();
        ValueCoder.Encode(value, new CoderWriter(buffer), nested: false);
        writer.WriteLengthPrefixed(buffer.WrittenSpan);
    }

    /// <inheritdoc />
    public override object? Decode(ref CoderReader reader, bool nested)
    {
        var length = reader.ReadLength(Urn);
        var inner = reader.ReadSubReader(Urn, length);
        var value = ValueCoder.Decode(ref inner, nested: false);
        if (!inner.AtEnd)
        {
            throw new CoderException(ValueCoder.Urn, inner.Position, $"{inner.Remaining} byte(s) of the length-prefixed value left over");
        }

        return value;
    }

    /// <inheritdoc />
    public override void Skip(ref CoderReader reader, bool nested) => reader.ReadRaw(Urn, reader.ReadLength(Urn));
}
