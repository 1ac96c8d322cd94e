using BeamConformance.Model.Schemas;

namespace BeamConformance.Model.Coders.Internal;

/// <summary>Chooses the coder of each schema field type, per <c>beam_runner_api.proto</c> ROW's table.</summary>
internal static class RowFieldCoders
{
    public static Coder For(FieldType type, string fieldName)
    {
        var coder = type.Kind switch
        {
            FieldTypeKind.Atomic => type.Atomic switch
            {
                AtomicType.Byte => RowScalarCoder.Byte,
                AtomicType.Int16 => RowScalarCoder.Int16,
                AtomicType.Int32 => RowScalarCoder.Int32,
                AtomicType.Int64 => VarIntCoder.Instance,
                AtomicType.Float => RowScalarCoder.Float,
                AtomicType.Double => DoubleCoder.Instance,
                AtomicType.String => StringUtf8Coder.Instance,
                AtomicType.Boolean => BoolCoder.Instance,
                AtomicType.Bytes => BytesCoder.Instance,
                _ => throw new CoderException(Urns.Coders.Row, -1, $"field '{fieldName}' has unsupported atomic type {type.Atomic}"),
            },
            FieldTypeKind.Array or FieldTypeKind.Iterable => (Coder)new IterableCoder(ElementCoder(type.Element!, fieldName)),
            FieldTypeKind.Map => new RowMapCoder(ElementCoder(type.Element!, fieldName), ElementCoder(type.MapValue!, fieldName)),
            FieldTypeKind.Row => new RowCoder(type.RowSchema!),
            _ => For(type.Representation! with { Nullable = false }, fieldName),
        };
        return coder;
    }

    /// <summary>Elements of containers carry their own null indicator when nullable.</summary>
    private static Coder ElementCoder(FieldType type, string fieldName) =>
        type.Nullable ? new NullableCoder(For(type, fieldName)) : For(type, fieldName);
}
