using System.Collections;

namespace BeamConformance.Model.Coders;

/// <summary>
/// <c>beam:coder:state_backed_iterable:v1</c>. Value: <see cref="StateBackedIterable"/> (encoding also accepts a
/// plain list). Without a state token it is encoded exactly like <see cref="IterableCoder"/> (int32 count then the
/// elements). With one: int32 -1, chunks of <c>varint(n)</c> + n elements holding the inline prefix, then
/// <c>varint(-1)</c> (10 bytes) instead of the <c>varint(0)</c> terminator, then <c>varint(len)</c> and the token.
/// </summary>
public sealed class StateBackedIterableCoder : Coder
{
    /// <summary>Creates the coder.</summary>
    public StateBackedIterableCoder(Coder elementCoder)
        : base(Urns.Coders.StateBackedIterable, [elementCoder ?? throw new ArgumentNullException(nameof(elementCoder))]) =>
        ElementCoder = elementCoder;

    /// <summary>The element component.</summary>
    public Coder ElementCoder { get; }

    /// <inheritdoc />
    public override void Encode(object? value, CoderWriter writer, bool nested)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value)
        {
            case StateBackedIterable { StateToken: null } complete:
                WriteKnown(complete.Prefix, writer);
                break;
            case StateBackedIterable withToken:
                writer.WriteInt32BigEndian(-1);
                IterableCoder.WriteChunks(ElementCoder, withToken.Prefix, writer, IterableCoder.DefaultChunkBytes);
                writer.WriteVarInt64(-1);
                writer.WriteLengthPrefixed(withToken.StateToken);
                break;
            case IReadOnlyList<object?> list when value is not string and not byte[]:
                WriteKnown(list, writer);
                break;
            case ICollection collection when value is not string and not byte[]:
                WriteKnown(collection.Cast<object?>().ToArray(), writer);
                break;
            default:
                throw CannotEncode(value, "a StateBackedIterable or a list of elements");
        }
    }

    private void WriteKnown(IReadOnlyList<object?> elements, CoderWriter writer)
    {
        writer.WriteInt32BigEndian(elements.Count);
        foreach (var element in elements)
        {
            ElementCoder.Encode(element, writer, nested: true);
        }
    }

    /// <inheritdoc />
    public override object? Decode(ref CoderReader reader, bool nested)
    {
        var elements = new List<object?>();
        var terminator = IterableCoder.ReadElements(ref reader, ElementCoder, Urn, elements, skip: false, allowStateToken: true);
        var token = terminator == -1 ? reader.ReadLengthPrefixed(Urn).ToArray() : null;
        return new StateBackedIterable(elements.ToArray(), token);
    }

    /// <inheritdoc />
    public override void Skip(ref CoderReader reader, bool nested)
    {
        if (IterableCoder.ReadElements(ref reader, ElementCoder, Urn, null, skip: true, allowStateToken: true) == -1)
        {
            reader.ReadRaw(Urn, reader.ReadLength(Urn));
        }
    }
}
