namespace BeamConformance.Model.Coders;

/// <summary>
/// <c>beam:coder:double:v1</c>. Value: <see cref="double"/>. The IEEE-754 bit pattern as 8 bytes big-endian,
/// so NaN payloads, -0.0 and subnormals round-trip exactly.
/// </summary>
public sealed class DoubleCoder : Coder<double>
{
    private DoubleCoder() : base(Urns.Coders.Double) { }

    /// <summary>The one instance.</summary>
    public static DoubleCoder Instance { get; } = new();

    /// <inheritdoc />
    public override void EncodeValue(double value, CoderWriter writer, bool nested)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteDouble(value);
    }

    /// <inheritdoc />
    public override double DecodeValue(ref CoderReader reader, bool nested) => reader.ReadDouble(Urn);
}
