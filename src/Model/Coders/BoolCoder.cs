namespace BeamConformance.Model.Coders;

/// <summary><c>beam:coder:bool:v1</c>. Value: <see cref="bool"/>. One byte, 0x00 or 0x01; any other byte is an error.</summary>
public sealed class BoolCoder : Coder<bool>
{
    private BoolCoder() : base(Urns.Coders.Bool) { }

    /// <summary>The one instance.</summary>
    public static BoolCoder Instance { get; } = new();

    /// <inheritdoc />
    public override void EncodeValue(bool value, CoderWriter writer, bool nested)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteByte(value ? (byte)1 : (byte)0);
    }

    /// <inheritdoc />
    public override bool DecodeValue(ref CoderReader reader, bool nested)
    {
        var at = reader.Position;
        return reader.ReadByte(Urn) switch
        {
            0 => false,
            1 => true,
            var b => throw new CoderException(Urn, at, $"invalid boolean byte 0x{b:x2}"),
        };
    }
}
