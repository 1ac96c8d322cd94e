namespace BeamConformance.Model.Coders;

/// <summary>
/// A coder whose URN the runner does not know (an SDK-specific coder such as pickled Python). Value: the encoded
/// <see cref="byte"/>[]. Only the outer context works (the bytes run to the end); in the nested context its
/// length is unknowable, so it must be wrapped in <see cref="LengthPrefixCoder"/>.
/// </summary>
public sealed class OpaqueCoder : Coder
{
    /// <summary>Creates the coder for an unknown <paramref name="urn"/> with its payload and components.</summary>
    public OpaqueCoder(string urn, ReadOnlyMemory<byte> payload, IReadOnlyList<Coder>? components = null)
        : base(urn, components) => Payload = payload;

    /// <summary>The coder's payload, kept as is.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <inheritdoc />
    public override void Encode(object? value, CoderWriter writer, bool nested)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (nested)
        {
            throw new CoderException(Urn, -1, "coder unknown to the runner used in a nested context; wrap it in beam:coder:length_prefix:v1");
        }

        if (!BytesCoder.TryGetBytes(value, out var bytes))
        {
            throw CannotEncode(value, "the encoded byte[] of an unknown coder");
        }

        writer.WriteRaw(bytes);
    }

    /// <inheritdoc />
    public override object? Decode(ref CoderReader reader, bool nested)
    {
        if (nested)
        {
            throw new CoderException(Urn, reader.Position, "coder unknown to the runner used in a nested context; wrap it in beam:coder:length_prefix:v1");
        }

        return reader.ReadToEnd().ToArray();
    }
}
