using BeamConformance.Model.Coders;
using BeamConformance.Model.Schemas;

namespace BeamConformance.Model.Tests.Coders;

public sealed class RowCoderTests
{
    private static readonly Schema Nullable3 = new(
    [
        new SchemaField("str", FieldType.Of(AtomicType.String, nullable: true)),
        new SchemaField("i32", FieldType.Of(AtomicType.Int32, nullable: true)),
        new SchemaField("f64", FieldType.Of(AtomicType.Double, nullable: true)),
    ]);

    [Theory]
    [InlineData(null, null, null, "03 01 07")] // all null: bitmap 0b111
    [InlineData("foo", 9001, null, "03 01 04 03 66 6f 6f a9 46")] // last null
    [InlineData("foo", 9001, 0.1, "03 00 03 66 6f 6f a9 46 3f b9 99 99 99 99 99 9a")] // no null: empty bitmap
    public void Row_with_nullable_fields(string? s, int? i, double? d, string hex)
    {
        var coder = new RowCoder(Nullable3);
        var row = new Row(Nullable3, [s, i, d]);

        Assert.Equal(hex, Hex.Of(coder.EncodeToArray(row)));
        Assert.Equal(row, coder.DecodeFrom(Hex.Bytes(hex)));
    }

    [Fact]
    public void Schema_payload_parses_and_encodes_an_array_field()
    {
        // str: STRING, i32: INT32, f64: DOUBLE, arr: ARRAY<STRING>, as a serialized Schema message.
        var payload = Hex.Bytes("0a 09 0a 03 73 74 72 1a 02 10 07 0a 09 0a 03 69 33 32 1a 02 10 03 0a 09 0a 03 66 36 34 1a 02 10 06 0a 0d 0a 03 61 72 72 1a 06 1a 04 0a 02 10 07 12 02 69 64");
        var schema = Schema.Parse(payload);
        var coder = new RowCoder(schema);
        var row = new Row(schema, ["foo", 9001, 0.1, new object?[] { "foo", "bar" }]);

        Assert.Equal("str: STRING, i32: INT32, f64: DOUBLE, arr: ARRAY<STRING>", schema.ToString());
        Assert.Equal("id", schema.Id);
        Assert.Equal("04 00 03 66 6f 6f a9 46 3f b9 99 99 99 99 99 9a 00 00 00 02 03 66 6f 6f 03 62 61 72", Hex.Of(coder.EncodeToArray(row)));
    }

    [Fact]
    public void Encoding_positions_reorder_values_but_not_the_bitmap()
    {
        var schema = new Schema(
        [
            new SchemaField("a", FieldType.Of(AtomicType.String), 2),
            new SchemaField("b", FieldType.Of(AtomicType.Int64), 0),
            new SchemaField("c", FieldType.Of(AtomicType.Boolean, nullable: true), 1),
        ], "s", encodingPositionsSet: true);
        var coder = new RowCoder(schema);

        Assert.Equal("03 00 05 01 01 41", Hex.Of(coder.EncodeToArray(new Row(schema, ["A", 5L, true]))));
        Assert.Equal("03 01 04 05 01 41", Hex.Of(coder.EncodeToArray(new Row(schema, ["A", 5L, null]))));
    }

    [Fact]
    public void Nested_row_map_and_nullable_array_elements()
    {
        var inner = new Schema([new SchemaField("x", FieldType.Of(AtomicType.Int64))]);
        var schema = new Schema(
        [
            new SchemaField("p", FieldType.RowOf(inner)),
            new SchemaField("m", FieldType.MapOf(FieldType.Of(AtomicType.String), FieldType.Of(AtomicType.Int64, nullable: true))),
            new SchemaField("opt", FieldType.ArrayOf(FieldType.Of(AtomicType.Int16, nullable: true))),
        ]);
        var coder = new RowCoder(schema);
        var row = new Row(schema, [new Row(inner, [3L]), new KV[] { new("k", null) }, new object?[] { (short)-1, null }]);
        const string hex = "03 00 01 00 03 00 00 00 01 01 6b 00 00 00 00 02 01 ff ff 00";

        Assert.Equal(hex, Hex.Of(coder.EncodeToArray(row)));
        Assert.Equal(row, coder.DecodeFrom(Hex.Bytes(hex)));
    }

    [Theory]
    [InlineData("02 01 02 05", "beam:coder:row:v1: null bit set for non-nullable field 'b' at byte offset 1")] // null in a non-nullable field
    [InlineData("05 00 01 01", "beam:coder:row:v1: encoded row has 5 fields, schema has 2; extra fields cannot be skipped in the nested context at byte offset 0")] // too many fields, nested
    [InlineData("02 00 01", "beam:coder:bool:v1: truncated input: needed 1 byte(s), 0 left at byte offset 3")] // truncated
    public void Bad_row_bytes_are_errors(string hex, string message)
    {
        var schema = new Schema([new SchemaField("a", FieldType.Of(AtomicType.Int64)), new SchemaField("b", FieldType.Of(AtomicType.Boolean))]);
        var error = Assert.Throws<CoderException>(() => new RowCoder(schema).DecodeFrom(Hex.Bytes(hex)));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Fewer_encoded_fields_leave_the_rest_null()
    {
        var schema = new Schema([new SchemaField("a", FieldType.Of(AtomicType.Int64)), new SchemaField("b", FieldType.Of(AtomicType.Boolean, nullable: true))]);

        var row = (Row)new RowCoder(schema).DecodeFrom(Hex.Bytes("01 00 07"))!;

        Assert.Equal([7L, null], row.Values);
    }
}
