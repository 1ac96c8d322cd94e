namespace BeamConformance.Model.Schemas;

/// <summary>A field of a <see cref="Schema"/> (<c>schema.proto</c> <c>Field</c>).</summary>
/// <param name="Name">The field name.</param>
/// <param name="Type">The field type.</param>
/// <param name="EncodingPosition">Where the field's value goes in the row encoding, when the schema sets positions.</param>
public sealed record SchemaField(string Name, FieldType Type, int EncodingPosition = 0);
