using System.Collections;

namespace BeamConformance.Transport;

/// <summary>
/// gRPC metadata (request headers, response headers or trailers): an ordered list of key/value entries.
/// Keys are lower-case ASCII (<c>0-9 a-z _ - .</c>); a key ending in <c>-bin</c> carries bytes
/// (base64 on the wire), any other key carries printable ASCII (0x20-0x7E). A key may repeat.
/// </summary>
public sealed class Metadata : IList<Metadata.Entry>
{
    /// <summary>The key suffix that marks a binary entry.</summary>
    public const string BinaryHeaderSuffix = "-bin";

    private readonly List<Entry> _entries = [];

    /// <inheritdoc />
    public int Count => _entries.Count;

    /// <inheritdoc />
    public bool IsReadOnly => false;

    /// <inheritdoc />
    public Entry this[int index]
    {
        get => _entries[index];
        set => _entries[index] = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Adds an ASCII entry.</summary>
    /// <param name="key">The key; must not end in <c>-bin</c>. Upper case is folded to lower case.</param>
    /// <param name="value">The value: printable ASCII.</param>
    /// <exception cref="ArgumentException">The key or value is not valid gRPC metadata.</exception>
    public void Add(string key, string value) => _entries.Add(new Entry(key, value));

    /// <summary>Adds a binary entry.</summary>
    /// <param name="key">The key; must end in <c>-bin</c>.</param>
    /// <param name="valueBytes">The value bytes.</param>
    /// <exception cref="ArgumentException">The key is not a valid binary key.</exception>
    public void Add(string key, byte[] valueBytes) => _entries.Add(new Entry(key, valueBytes));

    /// <inheritdoc />
    public void Add(Entry item)
    {
        ArgumentNullException.ThrowIfNull(item);
        _entries.Add(item);
    }

    /// <summary>The last entry with <paramref name="key"/>, or null.</summary>
    /// <param name="key">The key (case-insensitive).</param>
    /// <returns>The entry, or null when absent.</returns>
    public Entry? Get(string key)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return _entries[i];
            }
        }

        return null;
    }

    /// <summary>All entries with <paramref name="key"/>, in order.</summary>
    /// <param name="key">The key (case-insensitive).</param>
    /// <returns>The entries.</returns>
    public IEnumerable<Entry> GetAll(string key) =>
        _entries.Where(e => string.Equals(e.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>The ASCII value of the last entry with <paramref name="key"/>, or null.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value, or null.</returns>
    /// <exception cref="InvalidOperationException">The entry is binary.</exception>
    public string? GetValue(string key) => Get(key)?.Value;

    /// <summary>The bytes of the last binary entry with <paramref name="key"/>, or null.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value bytes, or null.</returns>
    /// <exception cref="InvalidOperationException">The entry is not binary.</exception>
    public byte[]? GetValueBytes(string key) => Get(key)?.ValueBytes;

    /// <inheritdoc />
    public int IndexOf(Entry item) => _entries.IndexOf(item);

    /// <inheritdoc />
    public void Insert(int index, Entry item)
    {
        ArgumentNullException.ThrowIfNull(item);
        _entries.Insert(index, item);
    }

    /// <inheritdoc />
    public void RemoveAt(int index) => _entries.RemoveAt(index);

    /// <inheritdoc />
    public void Clear() => _entries.Clear();

    /// <inheritdoc />
    public bool Contains(Entry item) => _entries.Contains(item);

    /// <inheritdoc />
    public void CopyTo(Entry[] array, int arrayIndex) => _entries.CopyTo(array, arrayIndex);

    /// <inheritdoc />
    public bool Remove(Entry item) => _entries.Remove(item);

    /// <inheritdoc />
    public IEnumerator<Entry> GetEnumerator() => _entries.GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>One metadata entry: a key and either an ASCII value or (for <c>-bin</c> keys) bytes.</summary>
    public sealed class Entry
    {
        private readonly string? _value;
        private readonly byte[]? _valueBytes;

        /// <summary>Creates an ASCII entry.</summary>
        /// <param name="key">The key; must not end in <c>-bin</c>.</param>
        /// <param name="value">Printable ASCII (0x20-0x7E).</param>
        /// <exception cref="ArgumentException">The key or value is invalid.</exception>
        public Entry(string key, string value)
        {
            ArgumentNullException.ThrowIfNull(value);
            Key = NormalizeKey(key);
            if (IsBinaryKey(Key))
            {
                throw new ArgumentException($"Metadata key '{Key}' ends in '-bin' and needs a byte[] value.", nameof(key));
            }

            foreach (var c in value)
            {
                if (c < 0x20 || c > 0x7E)
                {
                    throw new ArgumentException(
                        $"Metadata value for '{Key}' has the character U+{(int)c:X4}; ASCII values allow only 0x20-0x7E (use a '-bin' key for bytes).",
                        nameof(value));
                }
            }

            _value = value;
        }

        /// <summary>Creates a binary entry.</summary>
        /// <param name="key">The key; must end in <c>-bin</c>.</param>
        /// <param name="valueBytes">The bytes.</param>
        /// <exception cref="ArgumentException">The key is invalid.</exception>
        public Entry(string key, byte[] valueBytes)
        {
            ArgumentNullException.ThrowIfNull(valueBytes);
            Key = NormalizeKey(key);
            if (!IsBinaryKey(Key))
            {
                throw new ArgumentException($"Metadata key '{Key}' carries bytes and must end in '-bin'.", nameof(key));
            }

            _valueBytes = valueBytes;
        }

        /// <summary>The key, in lower case.</summary>
        public string Key { get; }

        /// <summary>True for a <c>-bin</c> entry.</summary>
        public bool IsBinary => _valueBytes is not null;

        /// <summary>The ASCII value.</summary>
        /// <exception cref="InvalidOperationException">The entry is binary.</exception>
        public string Value => _value ?? throw new InvalidOperationException($"Metadata entry '{Key}' is binary: read ValueBytes.");

        /// <summary>The bytes of a binary entry.</summary>
        /// <exception cref="InvalidOperationException">The entry is ASCII.</exception>
        public byte[] ValueBytes => _valueBytes ?? throw new InvalidOperationException($"Metadata entry '{Key}' is ASCII: read Value.");

        /// <inheritdoc />
        public override string ToString() =>
            IsBinary ? $"{Key}: {Convert.ToBase64String(_valueBytes!)}" : $"{Key}: {_value}";

        private static bool IsBinaryKey(string key) => key.EndsWith(BinaryHeaderSuffix, StringComparison.Ordinal);

        private static string NormalizeKey(string key)
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            var lower = key.ToLowerInvariant();
            foreach (var c in lower)
            {
                var ok = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.';
                if (!ok)
                {
                    throw new ArgumentException($"Metadata key '{key}' has the character '{c}'; keys allow only 0-9 a-z _ - .", nameof(key));
                }
            }

            return lower;
        }
    }
}
