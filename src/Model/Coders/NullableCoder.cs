namespace BeamConformance.Model.Coders;

/// <summary>
/// <c>beam:coder:nullable:v1</c>. Value: null or the component's value. <c>00</c> for null; <c>01</c> then the
/// value in the enclosing context. Any other first byte is an error.
/// </summary>
public sealed class NullableCoder : Coder
{
    /// <summary>Creates the coder.</summary>
    public NullableCoder(Coder valueCoder)
        : base(Urns.Coders.Nullable, [valueCoder ?? throw new ArgumentNullException(nameof(valueCoder))]) =>
        ValueCoder = valueCoder;

    /// <summary>The wrapped component.</summary>
    public Coder ValueCoder { get; }

    /// <inheritdoc />
    public override void Encode(object? value, CoderWriter writer, bool nested)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteByte(0);
            return;
        }

        writer.WriteByte(1);
        ValueCoder.Encode(value, writer, nested);
    }

    /// <inheritdoc />
    public override object? Decode(ref CoderReader reader, bool nested)
    {
        var at = reader.Position;
        return reader.ReadByte(Urn) switch
        {
            0 => null,
            1 => ValueCoder.Decode(ref reader, nested),
            var b => throw new CoderException(Urn, at, $"invalid null indicator 0x{b:x2}"),
        };
    }

    /// <inheritdoc />
    public override void Skip(ref CoderReader reader, bool nested)
    {
        var at = reader.Position;
        switch (reader.ReadByte(Urn))
        {
            case 0:
                return;
            case 1:
                ValueCoder.Skip(ref reader, nested);
                return;
            case var b:
                throw new CoderException(Urn, at, $"invalid null indicator 0x{b:x2}");
        }
    }
}
