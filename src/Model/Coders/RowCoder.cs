using BeamConformance.Model.Coders.Internal;
using BeamConformance.Model.Schemas;

namespace BeamConformance.Model.Coders;

/// <summary>
/// <c>beam:coder:row:v1</c>. Value: <see cref="Row"/>. Payload: a serialized <c>Schema</c>.
/// The field count (varint); the null bitmap as nested bytes (bit <c>i % 8</c> of byte <c>i / 8</c> set when field
/// <c>i</c>, in schema order, is null; empty when nothing is null, else <c>ceil(n / 8)</c> bytes as the Python SDK
/// writes); then each non-null field, nested, in encoding-position order.
/// </summary>
/// <remarks>Decoding accepts a shorter bitmap and fewer encoded fields (missing fields are null). More encoded
/// fields than the schema has can only be ignored in the outer context; nested, they are an error.</remarks>
public sealed class RowCoder : Coder<Row>
{
    private readonly Coder[] _fieldCoders;

    /// <summary>Creates the coder for <paramref name="schema"/>.</summary>
    /// <exception cref="CoderException">A field type has no encoding.</exception>
    public RowCoder(Schema schema) : base(Urns.Coders.Row)
    {
        Schema = schema ?? throw new ArgumentNullException(nameof(schema));
        _fieldCoders = schema.Fields.Select(f => RowFieldCoders.For(f.Type, f.Name)).ToArray();
    }

    /// <summary>The schema.</summary>
    public Schema Schema { get; }

    /// <inheritdoc />
    public override void EncodeValue(Row value, CoderWriter writer, bool nested)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(writer);
        var n = _fieldCoders.Length;
        if (value.Values.Count != n)
        {
            throw new CoderException(Urn, -1, $"row has {value.Values.Count} values, schema has {n} fields");
        }

        writer.WriteVarInt64(n);
        var anyNull = false;
        for (var i = 0; i < n; i++)
        {
            if (value.Values[i] is null)
            {
                if (!Schema.Fields[i].Type.Nullable)
                {
                    throw new CoderException(Urn, -1, $"null in non-nullable field '{Schema.Fields[i].Name}'");
                }

                anyNull = true;
            }
        }

        if (anyNull)
        {
            var bitmap = new byte[(n + 7) / 8];
            for (var i = 0; i < n; i++)
            {
                if (value.Values[i] is null)
                {
                    bitmap[i / 8] |= (byte)(1 << (i % 8));
                }
            }

            writer.WriteLengthPrefixed(bitmap);
        }
        else
        {
            writer.WriteVarInt64(0);
        }

        foreach (var i in Schema.EncodingOrder)
        {
            if (value.Values[i] is { } fieldValue)
            {
                _fieldCoders[i].Encode(fieldValue, writer, nested: true);
            }
        }
    }

    /// <inheritdoc />
    public override Row DecodeValue(ref CoderReader reader, bool nested)
    {
        var at = reader.Position;
        var encodedCount = reader.ReadVarInt64(Urn);
        var n = _fieldCoders.Length;
        if (encodedCount < 0)
        {
            throw new CoderException(Urn, at, $"negative field count {encodedCount}");
        }

        if (encodedCount > n && nested)
        {
            throw new CoderException(Urn, at, $"encoded row has {encodedCount} fields, schema has {n}; extra fields cannot be skipped in the nested context");
        }

        var bitmapAt = reader.Position;
        var bitmap = reader.ReadLengthPrefixed(Urn);
        var values = new object?[n];
        var present = (int)Math.Min(encodedCount, n);
        for (var k = 0; k < n; k++)
        {
            var i = Schema.EncodingOrder[k];
            if (k >= present)
            {
                continue;
            }

            var isNull = i / 8 < bitmap.Length && (bitmap[i / 8] & (1 << (i % 8))) != 0;
            if (isNull)
            {
                if (!Schema.Fields[i].Type.Nullable)
                {
                    throw new CoderException(Urn, bitmapAt, $"null bit set for non-nullable field '{Schema.Fields[i].Name}'");
                }

                continue;
            }

            values[i] = _fieldCoders[i].Decode(ref reader, nested: true);
        }

        if (encodedCount > n)
        {
            reader.ReadToEnd();
        }

        return new Row(Schema, values);
    }
}
