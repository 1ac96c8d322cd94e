namespace BeamConformance.Model;

/// <summary>A user key with an opaque shard id, the value shape of <c>beam:coder:sharded_key:v1</c>.</summary>
/// <param name="ShardId">The shard id bytes (may be empty).</param>
/// <param name="Key">The user key.</param>
public sealed record ShardedKey(byte[] ShardId, object? Key)
{
    /// <summary>Structural equality: shard id bytes and keys compared by value.</summary>
    public bool Equals(ShardedKey? other) =>
        other is not null && ShardId.AsSpan().SequenceEqual(other.ShardId) && Coders.ValueEquality.DeepEquals(Key, other.Key);

    /// <inheritdoc />
    public override int GetHashCode() => ShardId.Length;
}
