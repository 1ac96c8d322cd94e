namespace BeamConformance.Model.Coders;

/// <summary>
/// <c>beam:coder:bytes:v1</c>. Value: <see cref="byte"/>[] (also accepts <see cref="ReadOnlyMemory{T}"/> of bytes).
/// Nested: varint length then the bytes; outer: the bytes to the end of the buffer.
/// </summary>
public sealed class BytesCoder : Coder<byte[]>
{
    private BytesCoder() : base(Urns.Coders.Bytes) { }

    /// <summary>The one instance.</summary>
    public static BytesCoder Instance { get; } = new();

    /// <inheritdoc />
    protected override byte[] ToValue(object? value) =>
        TryGetBytes(value, out var bytes) ? (value as byte[] ?? bytes.ToArray()) : throw CannotEncode(value, "byte[]");

    /// <inheritdoc />
    public override void EncodeValue(byte[] value, CoderWriter writer, bool nested) => Write(value, writer, nested);

    /// <inheritdoc />
    public override byte[] DecodeValue(ref CoderReader reader, bool nested) =>
        (nested ? reader.ReadLengthPrefixed(Urn) : reader.ReadToEnd()).ToArray();

    /// <inheritdoc />
    public override void Skip(ref CoderReader reader, bool nested)
    {
        if (nested)
        {
            reader.ReadRaw(Urn, reader.ReadLength(Urn));
        }
        else
        {
            reader.ReadToEnd();
        }
    }

    /// <summary>Writes bytes in the given context (the span-based fast path).</summary>
    public static void Write(ReadOnlySpan<byte> value, CoderWriter writer, bool nested)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (nested)
        {
            writer.WriteLengthPrefixed(value);
        }
        else
        {
            writer.WriteRaw(value);
        }
    }

    /// <summary>Accepts <see cref="ReadOnlyMemory{T}"/> as well as arrays.</summary>
    internal static bool TryGetBytes(object? value, out ReadOnlySpan<byte> bytes)
    {
        switch (value)
        {
            case byte[] array:
                bytes = array;
                return true;
            case ReadOnlyMemory<byte> memory:
                bytes = memory.Span;
                return true;
            default:
                bytes = default;
                return false;
        }
    }
}
