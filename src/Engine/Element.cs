using BeamConformance.Model;
using BeamConformance.Model.Windows;

namespace BeamConformance.Engine;

/// <summary>
/// One element of a PCollection in one window, as the engine moves it: encoded bytes plus the
/// timestamp (ms), the window and the pane. An element the SDK produced in several windows is given to
/// the engine as one <see cref="Element"/> per window.
/// </summary>
/// <remarks>
/// <para><see cref="Bytes"/> is the element's <b>nested</b> encoding by its PCollection's coder. For a
/// keyed element (a <c>KV</c>, as consumed by a GroupByKey, a multimap side input or, later, a stateful
/// stage) <see cref="KeyLength"/> says how many leading bytes are the key's nested encoding; the rest
/// is the value's nested encoding (that is how <c>beam:coder:kv:v1</c> lays out a KV). Keys are equal
/// when their encoded bytes are equal, as the model's GroupByKey requires of deterministic key coders.</para>
/// <para>The engine never copies or looks inside the bytes except to split key from value.</para>
/// </remarks>
public readonly struct Element
{
    /// <summary>Creates an element.</summary>
    /// <param name="bytes">The element's nested encoding.</param>
    /// <param name="timestampMillis">Event time, ms since epoch.</param>
    /// <param name="window">The one window this element is in.</param>
    /// <param name="pane">The pane that produced it (<see cref="PaneInfo.NoFiring"/> for ungrouped data).</param>
    /// <param name="keyLength">Number of leading bytes of <paramref name="bytes"/> that encode the key, or -1 when not keyed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="window"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="keyLength"/> is below -1 or beyond the bytes.</exception>
    public Element(ReadOnlyMemory<byte> bytes, long timestampMillis, BoundedWindow window, PaneInfo pane, int keyLength = -1)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (keyLength < -1 || keyLength > bytes.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(keyLength), keyLength, $"key length must be -1 (not keyed) or within the element's {bytes.Length} bytes");
        }

        Bytes = bytes;
        TimestampMillis = timestampMillis;
        Window = window;
        Pane = pane;
        KeyLength = keyLength;
    }

    /// <summary>The element's nested encoding.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>Event time in ms since epoch.</summary>
    public long TimestampMillis { get; }

    /// <summary>The window of this element (compared by value: same bounds, same window).</summary>
    public BoundedWindow Window { get; }

    /// <summary>The pane that produced the element.</summary>
    public PaneInfo Pane { get; }

    /// <summary>How many leading bytes of <see cref="Bytes"/> encode the key; -1 when the element is not keyed.</summary>
    public int KeyLength { get; }

    /// <summary>True when <see cref="KeyLength"/> is set.</summary>
    public bool IsKeyed => KeyLength >= 0;

    /// <summary>The key's nested encoding (the first <see cref="KeyLength"/> bytes).</summary>
    /// <exception cref="InvalidOperationException">The element is not keyed.</exception>
    public ReadOnlyMemory<byte> KeyBytes => IsKeyed ? Bytes[..KeyLength] : throw NotKeyed();

    /// <summary>The value's nested encoding (the bytes after the key).</summary>
    /// <exception cref="InvalidOperationException">The element is not keyed.</exception>
    public ReadOnlyMemory<byte> ValueBytes => IsKeyed ? Bytes[KeyLength..] : throw NotKeyed();

    /// <summary>A keyed element made of a key's and a value's nested encodings (concatenated, as a KV is encoded).</summary>
    /// <param name="keyBytes">The key's nested encoding.</param>
    /// <param name="valueBytes">The value's nested encoding.</param>
    /// <param name="timestampMillis">Event time, ms since epoch.</param>
    /// <param name="window">The element's window.</param>
    /// <param name="pane">The element's pane.</param>
    public static Element Keyed(ReadOnlySpan<byte> keyBytes, ReadOnlySpan<byte> valueBytes, long timestampMillis, BoundedWindow window, PaneInfo pane)
    {
        var bytes = new byte[keyBytes.Length + valueBytes.Length];
        keyBytes.CopyTo(bytes);
        valueBytes.CopyTo(bytes.AsSpan(keyBytes.Length));
        return new Element(bytes, timestampMillis, window, pane, keyBytes.Length);
    }

    /// <summary>The same element with another window, timestamp and pane (bytes and key split kept).</summary>
    public Element With(long timestampMillis, BoundedWindow window, PaneInfo pane) => new(Bytes, timestampMillis, window, pane, KeyLength);

    /// <inheritdoc />
    public override string ToString() =>
        $"Element({Convert.ToHexString(Bytes.Span)}{(IsKeyed ? $" key={KeyLength}B" : "")}, {BeamTime.Format(TimestampMillis)}, {Window}, {Pane})";

    private static InvalidOperationException NotKeyed() => new("the element is not keyed (KeyLength is -1): the runner must give the key length of elements consumed by a GroupByKey or a multimap side input");
}
