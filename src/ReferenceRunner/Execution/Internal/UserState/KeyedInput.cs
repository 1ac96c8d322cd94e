using BeamConformance.Engine;
using BeamConformance.Model.Coders;
using BeamConformance.ReferenceRunner.Translation;

namespace BeamConformance.ReferenceRunner.Execution.Internal.UserState;

/// <summary>
/// Keyed execution of a stateful stage's bundle: its input elements grouped by the key's encoded bytes (keys in
/// byte order, each key's elements in the order the engine handed them out), and the set of keys the bundle's
/// state requests may name.
/// </summary>
internal static class KeyedInput
{
    /// <summary>Orders the elements by key and lists the keys (hex of the nested encodings).</summary>
    /// <remarks>
    /// Where the runner length-prefixed an SDK key coder on the wire, the SDK encodes the state key with its own coder,
    /// i.e. without that prefix: both forms of such a key are accepted.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The input's wire coding is not keyed (a translation bug: Prepare refuses state on a non-KV input).</exception>
    public static (List<Element> Ordered, HashSet<string> Keys) Arrange(IEnumerable<Element> elements, WireCoding coding)
    {
        var keyCoder = coding.KeyCoder
            ?? throw new InvalidOperationException($"ReferenceRunner bug: the input of a stateful stage is not keyed ({coding})");
        var keyed = elements.Select(e => (Element: e, Key: e.Bytes[..keyCoder.MeasureNested(e.Bytes.Span)])).ToList();
        var ordered = keyed.OrderBy(static k => k.Key, KeyOrder.Instance).Select(static k => k.Element).ToList();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, key) in keyed)
        {
            keys.Add(Convert.ToHexString(key.Span));
            if (keyCoder is LengthPrefixCoder)
            {
                var reader = new CoderReader(key.Span);
                var length = reader.ReadLength(Model.Urns.Coders.LengthPrefix);
                keys.Add(Convert.ToHexString(key.Span[^length..]));
            }
        }

        return (ordered, keys);
    }

    private sealed class KeyOrder : IComparer<ReadOnlyMemory<byte>>
    {
        public static readonly KeyOrder Instance = new();

        public int Compare(ReadOnlyMemory<byte> x, ReadOnlyMemory<byte> y) => x.Span.SequenceCompareTo(y.Span);
    }
}
