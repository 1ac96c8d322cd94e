namespace BeamConformance.Model.Schemas.Internal;

/// <summary>
/// Reads <c>schema.proto</c> messages: Schema {1 fields, 2 id, 4 encoding_positions_set}, Field {1 name,
/// 3 type, 5 encoding_position}, FieldType {1 nullable, 2 atomic_type, 3 array_type, 4 iterable_type, 5 map_type,
/// 6 row_type, 7 logical_type}, ArrayType/IterableType {1 element_type}, MapType {1 key_type, 2 value_type},
/// RowType {1 schema}, LogicalType {1 urn, 3 representation}. Other fields are skipped.
/// </summary>
internal static class SchemaProtoReader
{
    public static Schema ReadSchema(ReadOnlySpan<byte> data) => ReadSchema(data, 0);

    private static Schema ReadSchema(ReadOnlySpan<byte> data, int depth)
    {
        var reader = new ProtoWireReader(data);
        var fields = new List<SchemaField>();
        var id = "";
        var positionsSet = false;
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1 when wire == 2:
                    fields.Add(ReadField(reader.ReadLengthDelimited(), depth));
                    break;
                case 2 when wire == 2:
                    id = reader.ReadString();
                    break;
                case 4 when wire == 0:
                    positionsSet = reader.ReadVarint() != 0;
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        try
        {
            return new Schema(fields, id, positionsSet);
        }
        catch (ArgumentException e)
        {
            throw new FormatException(e.Message, e);
        }
    }

    private static SchemaField ReadField(ReadOnlySpan<byte> data, int depth)
    {
        var reader = new ProtoWireReader(data);
        var name = "";
        FieldType? type = null;
        var position = 0;
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1 when wire == 2:
                    name = reader.ReadString();
                    break;
                case 3 when wire == 2:
                    type = ReadFieldType(reader.ReadLengthDelimited(), depth + 1);
                    break;
                case 5 when wire == 0:
                    position = (int)reader.ReadVarint();
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return new SchemaField(name, type ?? throw new FormatException($"schema field '{name}' has no type"), position);
    }

    private static FieldType ReadFieldType(ReadOnlySpan<byte> data, int depth)
    {
        if (depth > Schema.MaxNestingDepth)
        {
            throw new FormatException($"schema types nest deeper than {Schema.MaxNestingDepth} levels");
        }

        var reader = new ProtoWireReader(data);
        var nullable = false;
        FieldType? type = null;
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1 when wire == 0:
                    nullable = reader.ReadVarint() != 0;
                    break;
                case 2 when wire == 0:
                    type = FieldType.Of((AtomicType)reader.ReadVarint());
                    break;
                case 3 when wire == 2:
                    type = FieldType.ArrayOf(ReadSingleType(reader.ReadLengthDelimited(), "array element", depth));
                    break;
                case 4 when wire == 2:
                    type = FieldType.IterableOf(ReadSingleType(reader.ReadLengthDelimited(), "iterable element", depth));
                    break;
                case 5 when wire == 2:
                    type = ReadMapType(reader.ReadLengthDelimited(), depth);
                    break;
                case 6 when wire == 2:
                    type = FieldType.RowOf(ReadRowType(reader.ReadLengthDelimited(), depth));
                    break;
                case 7 when wire == 2:
                    type = ReadLogicalType(reader.ReadLengthDelimited(), depth);
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        if (type is null)
        {
            throw new FormatException("schema field type has no type_info");
        }

        return type with { Nullable = nullable };
    }

    private static FieldType ReadSingleType(ReadOnlySpan<byte> data, string what, int depth)
    {
        var reader = new ProtoWireReader(data);
        FieldType? type = null;
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            if (field == 1 && wire == 2)
            {
                type = ReadFieldType(reader.ReadLengthDelimited(), depth + 1);
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return type ?? throw new FormatException($"schema {what} type is missing");
    }

    private static FieldType ReadMapType(ReadOnlySpan<byte> data, int depth)
    {
        var reader = new ProtoWireReader(data);
        FieldType? key = null, value = null;
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            if (field == 1 && wire == 2)
            {
                key = ReadFieldType(reader.ReadLengthDelimited(), depth + 1);
            }
            else if (field == 2 && wire == 2)
            {
                value = ReadFieldType(reader.ReadLengthDelimited(), depth + 1);
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return FieldType.MapOf(key ?? throw new FormatException("schema map key type is missing"), value ?? throw new FormatException("schema map value type is missing"));
    }

    private static Schema ReadRowType(ReadOnlySpan<byte> data, int depth)
    {
        var reader = new ProtoWireReader(data);
        Schema? schema = null;
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            if (field == 1 && wire == 2)
            {
                schema = ReadSchema(reader.ReadLengthDelimited(), depth + 1);
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return schema ?? new Schema([]);
    }

    private static FieldType ReadLogicalType(ReadOnlySpan<byte> data, int depth)
    {
        var reader = new ProtoWireReader(data);
        var urn = "";
        FieldType? representation = null;
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            if (field == 1 && wire == 2)
            {
                urn = reader.ReadString();
            }
            else if (field == 3 && wire == 2)
            {
                representation = ReadFieldType(reader.ReadLengthDelimited(), depth + 1);
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return FieldType.LogicalOf(urn, representation ?? throw new FormatException($"logical type {urn} has no representation"));
    }
}
