namespace BeamConformance.Engine.Internal;

/// <summary>Encoded key bytes compared by content (the model groups by encoded key).</summary>
internal readonly struct ByteKey : IEquatable<ByteKey>, IComparable<ByteKey>
{
    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly int _hash;

    public ByteKey(ReadOnlyMemory<byte> bytes)
    {
        _bytes = bytes;
        var hash = new HashCode();
        hash.AddBytes(bytes.Span);
        _hash = hash.ToHashCode();
    }

    public ReadOnlyMemory<byte> Bytes => _bytes;

    /// <summary>A copy that owns its bytes, for keeping as a dictionary key.</summary>
    public ByteKey Owned() => new(_bytes.ToArray());

    public bool Equals(ByteKey other) => _hash == other._hash && _bytes.Span.SequenceEqual(other._bytes.Span);

    public override bool Equals(object? obj) => obj is ByteKey other && Equals(other);

    public override int GetHashCode() => _hash;

    public int CompareTo(ByteKey other) => _bytes.Span.SequenceCompareTo(other._bytes.Span);

    public override string ToString() => Convert.ToHexString(_bytes.Span);
}
