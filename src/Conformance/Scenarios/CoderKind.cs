namespace BeamConformance.Conformance.Scenarios;

/// <summary>The coders a scenario can name (format version 1).</summary>
public enum CoderKind
{
    /// <summary><c>beam:coder:varint:v1</c>; values are <see cref="long"/>.</summary>
    VarInt,

    /// <summary><c>beam:coder:string_utf8:v1</c>; values are <see cref="string"/>.</summary>
    StringUtf8,

    /// <summary><c>beam:coder:bytes:v1</c>; values are <see cref="byte"/> arrays.</summary>
    Bytes,

    /// <summary><c>beam:coder:double:v1</c>; values are <see cref="double"/>.</summary>
    Double,

    /// <summary><c>beam:coder:bool:v1</c>; values are <see cref="bool"/>.</summary>
    Bool,

    /// <summary><c>beam:coder:kv:v1</c>; values are <see cref="Model.KV"/>.</summary>
    KV,

    /// <summary><c>beam:coder:iterable:v1</c>; values are lists.</summary>
    Iterable,

    /// <summary>A coder unknown to runners; values are <see cref="byte"/> arrays.</summary>
    Custom,
}
