using BeamConformance.Model;
namespace BeamConformance.Conformance.Scenarios;

/// <summary>
/// A PCollection's coder as written in a scenario: <c>varint</c>, <c>string_utf8</c>, <c>bytes</c>,
/// <c>double</c>, <c>bool</c>, <c>kv&lt;K,V&gt;</c>, <c>iterable&lt;T&gt;</c> or <c>custom:&lt;name&gt;</c>
/// (a coder unknown to runners, URN <c>beamconformance:coder:custom:&lt;name&gt;:v1</c>).
/// </summary>
/// <param name="Kind">Which coder.</param>
/// <param name="Components">Component coders: two for kv, one for iterable, none otherwise.</param>
/// <param name="CustomName">The name of a custom coder, else null.</param>
public sealed record CoderSpec(CoderKind Kind, IReadOnlyList<CoderSpec> Components, string? CustomName = null)
{
    /// <summary>The Beam URN of this coder (ours for custom coders).</summary>
    public string Urn => Kind switch
    {
        CoderKind.VarInt => Urns.Coders.VarInt,
        CoderKind.StringUtf8 => Urns.Coders.StringUtf8,
        CoderKind.Bytes => Urns.Coders.Bytes,
        CoderKind.Double => Urns.Coders.Double,
        CoderKind.Bool => Urns.Coders.Bool,
        CoderKind.KV => Urns.Coders.Kv,
        CoderKind.Iterable => Urns.Coders.Iterable,
        _ => $"beamconformance:coder:custom:{CustomName}:v1",
    };

    /// <summary>The key coder of a kv coder.</summary>
    /// <exception cref="InvalidOperationException">This is not a kv coder.</exception>
    public CoderSpec KeyCoder => Kind == CoderKind.KV ? Components[0] : throw new InvalidOperationException($"{this} is not a kv coder");

    /// <summary>The value coder of a kv coder.</summary>
    /// <exception cref="InvalidOperationException">This is not a kv coder.</exception>
    public CoderSpec ValueCoder => Kind == CoderKind.KV ? Components[1] : throw new InvalidOperationException($"{this} is not a kv coder");

    /// <summary>The element coder of an iterable coder.</summary>
    /// <exception cref="InvalidOperationException">This is not an iterable coder.</exception>
    public CoderSpec ElementCoder => Kind == CoderKind.Iterable ? Components[0] : throw new InvalidOperationException($"{this} is not an iterable coder");

    /// <summary>Parses the coder grammar (spaces ignored).</summary>
    /// <exception cref="FormatException">The text is not a coder of format version 1; the message says why.</exception>
    public static CoderSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var compact = text.Replace(" ", "", StringComparison.Ordinal);
        var position = 0;
        var coder = Internal.CoderGrammar.ParseCoder(compact, ref position);
        if (position != compact.Length)
        {
            throw new FormatException($"unexpected '{compact[position..]}' after coder in '{text}'");
        }

        return coder;
    }

    /// <summary>Structural equality: kind, name and components.</summary>
    public bool Equals(CoderSpec? other) =>
        other is not null && Kind == other.Kind && CustomName == other.CustomName && Components.SequenceEqual(other.Components);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, CustomName, Components.Count);

    /// <summary>The grammar form, e.g. <c>kv&lt;string_utf8,varint&gt;</c>.</summary>
    public override string ToString() => Kind switch
    {
        CoderKind.VarInt => "varint",
        CoderKind.StringUtf8 => "string_utf8",
        CoderKind.Bytes => "bytes",
        CoderKind.Double => "double",
        CoderKind.Bool => "bool",
        CoderKind.KV => $"kv<{Components[0]},{Components[1]}>",
        CoderKind.Iterable => $"iterable<{Components[0]}>",
        _ => $"custom:{CustomName}",
    };
}
