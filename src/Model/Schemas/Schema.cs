using BeamConformance.Model.Schemas.Internal;

namespace BeamConformance.Model.Schemas;

/// <summary>
/// A Beam schema (<c>schema.proto</c> <c>Schema</c>), proto-free: the payload of <c>beam:coder:row:v1</c>.
/// <see cref="Parse"/> reads the serialized proto with a small hand-written protobuf reader, so that the model
/// project needs no generated types; options and descriptions are skipped.
/// </summary>
public sealed record Schema
{
    /// <summary>Creates a schema.</summary>
    /// <param name="fields">The fields, in schema order.</param>
    /// <param name="id">The schema id (a UUID in Beam).</param>
    /// <param name="encodingPositionsSet">True when fields are encoded in <see cref="SchemaField.EncodingPosition"/> order.</param>
    /// <exception cref="ArgumentException">Encoding positions are set but are not a permutation of 0..n-1.</exception>
    public Schema(IReadOnlyList<SchemaField> fields, string id = "", bool encodingPositionsSet = false)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Fields = fields;
        Id = id;
        EncodingPositionsSet = encodingPositionsSet;
        EncodingOrder = Enumerable.Range(0, fields.Count).ToArray();
        if (encodingPositionsSet)
        {
            var order = new int[fields.Count];
            Array.Fill(order, -1);
            for (var i = 0; i < fields.Count; i++)
            {
                var position = fields[i].EncodingPosition;
                if (position < 0 || position >= fields.Count || order[position] != -1)
                {
                    throw new ArgumentException($"schema {id}: encoding positions are not a permutation of 0..{fields.Count - 1}", nameof(fields));
                }

                order[position] = i;
            }

            EncodingOrder = order;
        }
    }

    /// <summary>The fields, in schema order.</summary>
    public IReadOnlyList<SchemaField> Fields { get; }

    /// <summary>The schema id.</summary>
    public string Id { get; }

    /// <summary>True when encoding positions override the field order.</summary>
    public bool EncodingPositionsSet { get; }

    /// <summary>Field indices in the order their values are encoded.</summary>
    public IReadOnlyList<int> EncodingOrder { get; }

    /// <summary>
    /// The deepest nesting of field types <see cref="Parse"/> accepts (rows, arrays, iterables, maps and logical
    /// types inside each other): 64 levels. Deeper schemas are refused before they are read, so no payload can
    /// exhaust the stack.
    /// </summary>
    public const int MaxNestingDepth = 64;

    /// <summary>Parses a serialized <c>Schema</c> message.</summary>
    /// <exception cref="FormatException">The bytes are not a valid Schema message, or its types nest deeper than <see cref="MaxNestingDepth"/>.</exception>
    public static Schema Parse(ReadOnlySpan<byte> serialized) => SchemaProtoReader.ReadSchema(serialized);

    /// <summary>Structural equality over fields and flags.</summary>
    public bool Equals(Schema? other) =>
        other is not null && Id == other.Id && EncodingPositionsSet == other.EncodingPositionsSet && Fields.SequenceEqual(other.Fields);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Fields.Count);

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", Fields.Select(f => $"{f.Name}: {f.Type}"));
}
