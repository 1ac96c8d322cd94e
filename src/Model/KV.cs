namespace BeamConformance.Model;

/// <summary>A key/value pair (the model's <c>KV</c>), the value shape of <c>beam:coder:kv:v1</c>.</summary>
/// <param name="Key">The key (decoded by the key coder; <see cref="byte"/>[] for bytes keys).</param>
/// <param name="Value">The value.</param>
public readonly record struct KV(object? Key, object? Value);
