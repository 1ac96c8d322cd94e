namespace BeamConformance.Model.Schemas;

/// <summary>
/// The type of a schema field (<c>schema.proto</c> <c>FieldType</c>), proto-free. Build with the static factories.
/// </summary>
public sealed record FieldType
{
    private FieldType(FieldTypeKind kind, bool nullable)
    {
        Kind = kind;
        Nullable = nullable;
    }

    /// <summary>Which kind of type this is.</summary>
    public FieldTypeKind Kind { get; private init; }

    /// <summary>True when values may be null.</summary>
    public bool Nullable { get; init; }

    /// <summary>For <see cref="FieldTypeKind.Atomic"/>: the atomic type.</summary>
    public AtomicType Atomic { get; private init; }

    /// <summary>For arrays and iterables: the element type; for maps: the key type.</summary>
    public FieldType? Element { get; private init; }

    /// <summary>For maps: the value type.</summary>
    public FieldType? MapValue { get; private init; }

    /// <summary>For rows: the nested schema.</summary>
    public Schema? RowSchema { get; private init; }

    /// <summary>For logical types: the URN.</summary>
    public string? LogicalUrn { get; private init; }

    /// <summary>For logical types: the representation type, which decides the encoding.</summary>
    public FieldType? Representation { get; private init; }

    /// <summary>An atomic type.</summary>
    public static FieldType Of(AtomicType atomic, bool nullable = false) => new(FieldTypeKind.Atomic, nullable) { Atomic = atomic };

    /// <summary>An array of <paramref name="element"/>.</summary>
    public static FieldType ArrayOf(FieldType element, bool nullable = false) => new(FieldTypeKind.Array, nullable) { Element = element };

    /// <summary>An iterable of <paramref name="element"/>.</summary>
    public static FieldType IterableOf(FieldType element, bool nullable = false) => new(FieldTypeKind.Iterable, nullable) { Element = element };

    /// <summary>A map from <paramref name="key"/> to <paramref name="value"/>.</summary>
    public static FieldType MapOf(FieldType key, FieldType value, bool nullable = false) => new(FieldTypeKind.Map, nullable) { Element = key, MapValue = value };

    /// <summary>A nested row of <paramref name="schema"/>.</summary>
    public static FieldType RowOf(Schema schema, bool nullable = false) => new(FieldTypeKind.Row, nullable) { RowSchema = schema };

    /// <summary>A logical type <paramref name="urn"/> represented as <paramref name="representation"/>.</summary>
    public static FieldType LogicalOf(string urn, FieldType representation, bool nullable = false) =>
        new(FieldTypeKind.Logical, nullable) { LogicalUrn = urn, Representation = representation };

    /// <inheritdoc />
    public override string ToString()
    {
        var text = Kind switch
        {
            FieldTypeKind.Atomic => Atomic.ToString().ToUpperInvariant(),
            FieldTypeKind.Array => $"ARRAY<{Element}>",
            FieldTypeKind.Iterable => $"ITERABLE<{Element}>",
            FieldTypeKind.Map => $"MAP<{Element}, {MapValue}>",
            FieldTypeKind.Row => $"ROW<{RowSchema}>",
            _ => $"LOGICAL<{LogicalUrn}: {Representation}>",
        };
        return Nullable ? text + "?" : text;
    }
}
