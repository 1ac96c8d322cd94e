using System.Buffers;

namespace BeamConformance.Model.Coders;

/// <summary>
/// A Beam coder (the model's <c>Coder</c> proto: a URN, a payload and component coders), built at run time and
/// working on <see cref="object"/> values and bytes. Every standard coder of <c>beam_runner_api.proto</c>
/// <c>StandardCoders</c> has a subclass; <see cref="CoderRegistry"/> builds them from <see cref="CoderSpec"/>s.
/// </summary>
/// <remarks>
/// <para>Contexts: <c>nested == true</c> is the context of an element inside a larger stream (a KV key, an
/// iterable element, an element on the Fn API data plane): its encoding is self-delimiting. <c>nested == false</c>
/// is the outer ("whole stream") context: the encoding runs to the end of the buffer, so bytes and strings carry
/// no length.</para>
/// <para>Value shapes (what <see cref="Decode(ref CoderReader, bool)"/> returns and
/// <see cref="Encode(object?, CoderWriter, bool)"/> accepts) are documented on each coder class.</para>
/// </remarks>
public abstract class Coder
{
    /// <summary>Creates a coder for <paramref name="urn"/> with its component coders, in proto order.</summary>
    protected Coder(string urn, IReadOnlyList<Coder>? components = null)
    {
        Urn = urn;
        Components = components ?? [];
    }

    /// <summary>The coder's URN, e.g. <c>beam:coder:kv:v1</c>.</summary>
    public string Urn { get; }

    /// <summary>The component coders, in the order of the proto's <c>component_coder_ids</c>.</summary>
    public IReadOnlyList<Coder> Components { get; }

    /// <summary>Appends the encoding of <paramref name="value"/> to <paramref name="writer"/>.</summary>
    /// <exception cref="CoderException">The value does not have the shape this coder encodes.</exception>
    public abstract void Encode(object? value, CoderWriter writer, bool nested);

    /// <summary>Decodes one value from <paramref name="reader"/>, advancing it past the value's bytes.</summary>
    /// <exception cref="CoderException">The bytes are not a valid encoding (names the URN and offset).</exception>
    public abstract object? Decode(ref CoderReader reader, bool nested);

    /// <summary>
    /// Advances <paramref name="reader"/> past one encoded value without materialising it where the coder can
    /// (bytes, varints, fixed-width values, KVs, iterables, windowed values, length prefixes).
    /// </summary>
    /// <exception cref="CoderException">The bytes are not a valid encoding.</exception>
    public virtual void Skip(ref CoderReader reader, bool nested) => _ = Decode(ref reader, nested);

    /// <summary>Encodes <paramref name="value"/> into a new array.</summary>
    /// <exception cref="CoderException">The value does not have the shape this coder encodes.</exception>
    public byte[] EncodeToArray(object? value, bool nested = true)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        Encode(value, new CoderWriter(buffer), nested);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes exactly one value filling all of <paramref name="bytes"/>.</summary>
    /// <exception cref="CoderException">Invalid bytes, or bytes left over after one nested value.</exception>
    public object? DecodeFrom(ReadOnlySpan<byte> bytes, bool nested = true)
    {
        var reader = new CoderReader(bytes);
        var value = Decode(ref reader, nested);
        if (!reader.AtEnd)
        {
            throw new CoderException(Urn, reader.Position, $"{reader.Remaining} byte(s) left over after the value");
        }

        return value;
    }

    /// <summary>
    /// The length in bytes of the first nested-context value at the start of <paramref name="bytes"/>
    /// (how a runner splits a stream of elements, or a KV's key from its value, without decoding).
    /// </summary>
    /// <exception cref="CoderException">The bytes do not start with a valid encoding.</exception>
    public int MeasureNested(ReadOnlySpan<byte> bytes)
    {
        var reader = new CoderReader(bytes);
        Skip(ref reader, nested: true);
        return reader.Position;
    }

    /// <summary>The error for a value this coder cannot encode.</summary>
    protected CoderException CannotEncode(object? value, string expected) =>
        new(Urn, -1, $"cannot encode {(value is null ? "null" : value.GetType().Name)}: expected {expected}");

    /// <summary>Casts <paramref name="value"/> to <typeparamref name="T"/> or throws <see cref="CoderException"/>.</summary>
    protected T Expect<T>(object? value, string expected) =>
        value is T typed ? typed : throw CannotEncode(value, expected);

    /// <inheritdoc />
    public override string ToString() =>
        Components.Count == 0 ? Urn : $"{Urn}({string.Join(", ", Components)})";
}
