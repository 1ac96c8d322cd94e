namespace BeamConformance.ReferenceRunner.FnApi;

/// <summary>
/// Packs encoded elements into data chunks of at most <see cref="MaxChunkBytes"/> bytes, never splitting an
/// element (some SDKs decode each <c>Elements.Data</c> message on its own). An element larger than the limit
/// gets a chunk of its own.
/// </summary>
public sealed class ElementChunker
{
    private readonly List<ReadOnlyMemory<byte>> _chunks = [];
    private byte[] _buffer;
    private int _used;

    /// <summary>Creates a chunker.</summary>
    /// <param name="maxChunkBytes">The most bytes per chunk (at least 1).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxChunkBytes"/> is below 1.</exception>
    public ElementChunker(int maxChunkBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChunkBytes, 1);
        MaxChunkBytes = maxChunkBytes;
        _buffer = new byte[Math.Min(maxChunkBytes, 64 * 1024)];
    }

    /// <summary>The most bytes per chunk.</summary>
    public int MaxChunkBytes { get; }

    /// <summary>
    /// Reserves room for one encoded element of exactly <paramref name="length"/> bytes and returns it; the caller
    /// fills the whole span.
    /// </summary>
    public Span<byte> Append(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (_used > 0 && _used + length > MaxChunkBytes)
        {
            Cut();
        }

        if (_used + length > _buffer.Length)
        {
            var grown = new byte[Math.Max(_used + length, Math.Min(MaxChunkBytes, _buffer.Length * 2))];
            _buffer.AsSpan(0, _used).CopyTo(grown);
            _buffer = grown;
        }

        var span = _buffer.AsSpan(_used, length);
        _used += length;
        return span;
    }

    /// <summary>Adds one encoded element.</summary>
    public void Append(ReadOnlySpan<byte> element) => element.CopyTo(Append(element.Length));

    /// <summary>Ends the current chunk and returns every chunk so far; the chunker is empty afterwards.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Complete()
    {
        if (_used > 0)
        {
            Cut();
        }

        var chunks = _chunks.ToArray();
        _chunks.Clear();
        return chunks;
    }

    private void Cut()
    {
        _chunks.Add(_buffer.AsMemory(0, _used));
        _buffer = new byte[Math.Min(MaxChunkBytes, Math.Max(_buffer.Length, 1024))];
        _used = 0;
    }
}
