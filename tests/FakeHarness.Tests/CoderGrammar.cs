namespace BeamConformance.FakeHarness.Tests;

/// <summary>Parses the scenario coder grammar (varint, kv&lt;K,V&gt;, iterable&lt;T&gt;, ...) into descriptor coder ids.</summary>
internal static class CoderGrammar
{
    public static string Parse(DescriptorBuilder d, string text)
    {
        text = text.Replace(" ", string.Empty, StringComparison.Ordinal);
        var position = 0;
        var id = Read(d, text, ref position);
        Assert.Equal(text.Length, position);
        return id;
    }

    private static string Read(DescriptorBuilder d, string text, ref int position)
    {
        var start = position;
        while (position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] is '_' or ':'))
        {
            position++;
        }

        var name = text[start..position];
        switch (name)
        {
            case "varint": return d.VarInt;
            case "string_utf8": return d.StringUtf8;
            case "bytes": return d.Bytes;
            case "double": return d.Double;
            case "bool": return d.Coder("beam:coder:bool:v1");
            case "kv":
                {
                    position++; // <
                    var key = Read(d, text, ref position);
                    position++; // ,
                    var value = Read(d, text, ref position);
                    position++; // >
                    return d.Kv(key, value);
                }

            case "iterable":
                {
                    position++;
                    var element = Read(d, text, ref position);
                    position++;
                    return d.Iterable(element);
                }

            default:
                if (name.StartsWith("custom:", StringComparison.Ordinal))
                {
                    return d.Coder("beamconformance:coder:" + name + ":v1");
                }

                throw new ArgumentException("unknown coder " + name);
        }
    }
}
