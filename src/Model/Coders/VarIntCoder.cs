namespace BeamConformance.Model.Coders;

/// <summary>
/// <c>beam:coder:varint:v1</c>. Value: <see cref="long"/> (encoding also accepts <see cref="int"/>).
/// Unsigned LEB128 of the 64-bit two's complement pattern: 0 is <c>00</c>, 200 is <c>c8 01</c>, -1 is 10 bytes.
/// </summary>
public sealed class VarIntCoder : Coder<long>
{
    private VarIntCoder() : base(Urns.Coders.VarInt) { }

    /// <summary>The one instance.</summary>
    public static VarIntCoder Instance { get; } = new();

    /// <inheritdoc />
    protected override string ExpectedShape => "Int64";

    /// <inheritdoc />
    protected override long ToValue(object? value) =>
        TryGetInt64(value, out var v) ? v : throw CannotEncode(value, ExpectedShape);

    /// <inheritdoc />
    public override void EncodeValue(long value, CoderWriter writer, bool nested)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteVarInt64(value);
    }

    /// <inheritdoc />
    public override long DecodeValue(ref CoderReader reader, bool nested) => reader.ReadVarInt64(Urn);

    /// <summary>Widens the integer types a caller may hand in.</summary>
    internal static bool TryGetInt64(object? value, out long result)
    {
        switch (value)
        {
            case long l: result = l; return true;
            case int i: result = i; return true;
            case short s: result = s; return true;
            case sbyte sb: result = sb; return true;
            case byte b: result = b; return true;
            default: result = 0; return false;
        }
    }
}
