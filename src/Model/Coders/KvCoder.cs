namespace BeamConformance.Model.Coders;

/// <summary>
/// <c>beam:coder:kv:v1</c>. Value: <see cref="KV"/>. The key in the nested context, then the value in the
/// enclosing context. Components: key coder, value coder.
/// </summary>
public sealed class KvCoder : Coder<KV>
{
    /// <summary>Creates the coder.</summary>
    public KvCoder(Coder keyCoder, Coder valueCoder)
        : base(Urns.Coders.Kv, [keyCoder ?? throw new ArgumentNullException(nameof(keyCoder)), valueCoder ?? throw new ArgumentNullException(nameof(valueCoder))])
    {
        KeyCoder = keyCoder;
        ValueCoder = valueCoder;
    }

    /// <summary>The key component.</summary>
    public Coder KeyCoder { get; }

    /// <summary>The value component.</summary>
    public Coder ValueCoder { get; }

    /// <inheritdoc />
    public override void EncodeValue(KV value, CoderWriter writer, bool nested)
    {
        KeyCoder.Encode(value.Key, writer, nested: true);
        ValueCoder.Encode(value.Value, writer, nested);
    }

    /// <inheritdoc />
    public override KV DecodeValue(ref CoderReader reader, bool nested)
    {
        var key = KeyCoder.Decode(ref reader, nested: true);
        return new KV(key, ValueCoder.Decode(ref reader, nested));
    }

    /// <inheritdoc />
    public override void Skip(ref CoderReader reader, bool nested)
    {
        KeyCoder.Skip(ref reader, nested: true);
        ValueCoder.Skip(ref reader, nested);
    }

    /// <summary>
    /// The encoded key at the start of an encoded KV, without decoding it (how a runner groups by key bytes).
    /// </summary>
    /// <exception cref="CoderException">The bytes do not start with a valid key.</exception>
    public ReadOnlySpan<byte> KeyBytes(ReadOnlySpan<byte> encodedKv) => encodedKv[..KeyCoder.MeasureNested(encodedKv)];
}
