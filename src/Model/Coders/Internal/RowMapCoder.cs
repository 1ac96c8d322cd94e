using System.Collections;

namespace BeamConformance.Model.Coders.Internal;

/// <summary>A row MAP field: int32 big-endian entry count, then each key and value, nested. Value: a list of <see cref="KV"/>.</summary>
internal sealed class RowMapCoder : Coder
{
    private readonly Coder _keyCoder;
    private readonly Coder _valueCoder;

    public RowMapCoder(Coder keyCoder, Coder valueCoder) : base(Urns.Coders.Row + " MAP field", [keyCoder, valueCoder])
    {
        _keyCoder = keyCoder;
        _valueCoder = valueCoder;
    }

    public override void Encode(object? value, CoderWriter writer, bool nested)
    {
        List<KV> entries = value switch
        {
            IEnumerable<KV> kvs => kvs.ToList(),
            IDictionary dictionary => dictionary.Cast<DictionaryEntry>().Select(e => new KV(e.Key, e.Value)).ToList(),
            _ => throw CannotEncode(value, "a list of KV or a dictionary"),
        };
        writer.WriteInt32BigEndian(entries.Count);
        foreach (var entry in entries)
        {
            _keyCoder.Encode(entry.Key, writer, nested: true);
            _valueCoder.Encode(entry.Value, writer, nested: true);
        }
    }

    public override object? Decode(ref CoderReader reader, bool nested)
    {
        var at = reader.Position;
        var count = reader.ReadInt32BigEndian(Urn);
        if (count < 0)
        {
            throw new CoderException(Urn, at, $"negative map size {count}");
        }

        var entries = new List<KV>(Math.Min(count, 1 << 16));
        for (var i = 0; i < count; i++)
        {
            var key = _keyCoder.Decode(ref reader, nested: true);
            entries.Add(new KV(key, _valueCoder.Decode(ref reader, nested: true)));
        }

        return entries.ToArray();
    }
}
