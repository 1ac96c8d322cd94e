namespace BeamConformance.Model.Schemas;

/// <summary>Which member of <c>schema.proto</c> <c>FieldType.type_info</c> a field type is.</summary>
public enum FieldTypeKind
{
    /// <summary>An <see cref="AtomicType"/>.</summary>
    Atomic,
    /// <summary>A list; encoded as an iterable of known length.</summary>
    Array,
    /// <summary>An iterable; encoded as an iterable.</summary>
    Iterable,
    /// <summary>A map; int32 count then key/value pairs.</summary>
    Map,
    /// <summary>A nested row.</summary>
    Row,
    /// <summary>A logical type, encoded as its representation type.</summary>
    Logical,
}
