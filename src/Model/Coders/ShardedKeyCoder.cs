namespace BeamConformance.Model.Coders;

/// <summary>
/// <c>beam:coder:sharded_key:v1</c>. Value: <see cref="ShardedKey"/>. The shard id as nested bytes, then the
/// user key in the nested context (as the Python SDK does, in both contexts). Component: the key coder.
/// </summary>
public sealed class ShardedKeyCoder : Coder<ShardedKey>
{
    /// <summary>Creates the coder.</summary>
    public ShardedKeyCoder(Coder keyCoder)
        : base(Urns.Coders.ShardedKey, [keyCoder ?? throw new ArgumentNullException(nameof(keyCoder))]) =>
        KeyCoder = keyCoder;

    /// <summary>The user key component.</summary>
    public Coder KeyCoder { get; }

    /// <inheritdoc />
    public override void EncodeValue(ShardedKey value, CoderWriter writer, bool nested)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLengthPrefixed(value.ShardId);
        KeyCoder.Encode(value.Key, writer, nested: true);
    }

    /// <inheritdoc />
    public override ShardedKey DecodeValue(ref CoderReader reader, bool nested)
    {
        var shard = reader.ReadLengthPrefixed(Urn).ToArray();
        return new ShardedKey(shard, KeyCoder.Decode(ref reader, nested: true));
    }

    /// <inheritdoc />
    public override void Skip(ref CoderReader reader, bool nested)
    {
        reader.ReadRaw(Urn, reader.ReadLength(Urn));
        KeyCoder.Skip(ref reader, nested: true);
    }
}
