namespace BeamConformance.Model.Coders;

/// <summary>
/// A coder with a typed fast path: <see cref="EncodeValue"/> and <see cref="DecodeValue"/> avoid boxing;
/// the <see cref="object"/> members delegate to them.
/// </summary>
/// <typeparam name="T">The decoded value type.</typeparam>
public abstract class Coder<T> : Coder
{
    /// <summary>Creates the coder.</summary>
    protected Coder(string urn, IReadOnlyList<Coder>? components = null) : base(urn, components) { }

    /// <summary>Appends the encoding of <paramref name="value"/>.</summary>
    /// <exception cref="CoderException">The value cannot be encoded.</exception>
    public abstract void EncodeValue(T value, CoderWriter writer, bool nested);

    /// <summary>Decodes one value.</summary>
    /// <exception cref="CoderException">The bytes are not a valid encoding.</exception>
    public abstract T DecodeValue(ref CoderReader reader, bool nested);

    /// <summary>A human name for <typeparamref name="T"/>, used in encode errors.</summary>
    protected virtual string ExpectedShape => typeof(T).Name;

    /// <summary>Converts an untyped value for encoding; throws <see cref="CoderException"/> for a wrong shape.</summary>
    protected virtual T ToValue(object? value) => Expect<T>(value, ExpectedShape);

    /// <inheritdoc />
    public sealed override void Encode(object? value, CoderWriter writer, bool nested) =>
        EncodeValue(ToValue(value), writer, nested);

    /// <inheritdoc />
    public sealed override object? Decode(ref CoderReader reader, bool nested) => DecodeValue(ref reader, nested);

    /// <summary>Skips by decoding through the typed path (no boxing); coders override it to avoid the decode.</summary>
    public override void Skip(ref CoderReader reader, bool nested) => _ = DecodeValue(ref reader, nested);
}
