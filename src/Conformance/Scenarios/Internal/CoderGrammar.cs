namespace BeamConformance.Conformance.Scenarios.Internal;

/// <summary>Recursive-descent parser of the coder grammar of <see cref="CoderSpec"/>.</summary>
internal static class CoderGrammar
{
    public static CoderSpec ParseCoder(string text, ref int position)
    {
        var start = position;
        while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] is '_' or ':'))
        {
            position++;
        }

        var word = text[start..position];
        switch (word)
        {
            case "varint": return Leaf(CoderKind.VarInt);
            case "string_utf8": return Leaf(CoderKind.StringUtf8);
            case "bytes": return Leaf(CoderKind.Bytes);
            case "double": return Leaf(CoderKind.Double);
            case "bool": return Leaf(CoderKind.Bool);
            case "kv":
                Expect(text, ref position, '<');
                var key = ParseCoder(text, ref position);
                Expect(text, ref position, ',');
                var value = ParseCoder(text, ref position);
                Expect(text, ref position, '>');
                return new CoderSpec(CoderKind.KV, [key, value]);
            case "iterable":
                Expect(text, ref position, '<');
                var element = ParseCoder(text, ref position);
                Expect(text, ref position, '>');
                return new CoderSpec(CoderKind.Iterable, [element]);
        }

        if (word.StartsWith("custom:", StringComparison.Ordinal) && word.Length > "custom:".Length
            && word["custom:".Length..].All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            return new CoderSpec(CoderKind.Custom, [], word["custom:".Length..]);
        }

        throw new FormatException(word.Length == 0
            ? $"expected a coder at offset {start} of '{text}'"
            : $"unknown coder '{word}' (known: varint, string_utf8, bytes, double, bool, kv<K,V>, iterable<T>, custom:<name>)");
    }

    private static CoderSpec Leaf(CoderKind kind) => new(kind, []);

    private static void Expect(string text, ref int position, char c)
    {
        if (position >= text.Length || text[position] != c)
        {
            throw new FormatException($"expected '{c}' at offset {position} of '{text}'");
        }

        position++;
    }
}
