namespace BeamConformance.Model.Schemas;

/// <summary>The atomic field types of a Beam schema; values are those of <c>schema.proto</c> <c>AtomicType</c>.</summary>
public enum AtomicType
{
    /// <summary>Not set (invalid in a schema).</summary>
    Unspecified = 0,
    /// <summary>8-bit integer; in a row, one raw byte.</summary>
    Byte = 1,
    /// <summary>16-bit integer; in a row, 2 bytes big-endian.</summary>
    Int16 = 2,
    /// <summary>32-bit integer; in a row, a varint.</summary>
    Int32 = 3,
    /// <summary>64-bit integer; in a row, a varint.</summary>
    Int64 = 4,
    /// <summary>32-bit float; in a row, 4 bytes IEEE-754 big-endian.</summary>
    Float = 5,
    /// <summary>64-bit float; <c>beam:coder:double:v1</c>.</summary>
    Double = 6,
    /// <summary>Text; <c>beam:coder:string_utf8:v1</c>.</summary>
    String = 7,
    /// <summary>Boolean; <c>beam:coder:bool:v1</c>.</summary>
    Boolean = 8,
    /// <summary>Byte string; <c>beam:coder:bytes:v1</c>.</summary>
    Bytes = 9,
}
