using BeamConformance.Conformance.Scenarios;

namespace BeamConformance.Conformance.Tests.Scenarios;

public sealed class CoderSpecTests
{
    [Theory]
    // Leaf coders and their Beam URNs.
    [InlineData("varint", "varint", "beam:coder:varint:v1")]
    [InlineData("string_utf8", "string_utf8", "beam:coder:string_utf8:v1")]
    [InlineData("bytes", "bytes", "beam:coder:bytes:v1")]
    [InlineData("double", "double", "beam:coder:double:v1")]
    [InlineData("bool", "bool", "beam:coder:bool:v1")]
    // Nested components; spaces are ignored.
    [InlineData("kv< string_utf8 , iterable<varint> >", "kv<string_utf8,iterable<varint>>", "beam:coder:kv:v1")]
    // A custom coder unknown to runners.
    [InlineData("custom:opaque_1", "custom:opaque_1", "beamconformance:coder:custom:opaque_1:v1")]
    public void Parses_the_grammar(string text, string canonical, string urn)
    {
        var coder = CoderSpec.Parse(text);

        Assert.Equal(canonical, coder.ToString());
        Assert.Equal(urn, coder.Urn);
    }

    [Theory]
    // Unknown leaf.
    [InlineData("int64", "unknown coder 'int64'")]
    // Missing component.
    [InlineData("kv<varint>", "expected ',' at offset 9 of 'kv<varint>'")]
    // Trailing text.
    [InlineData("varint>", "unexpected '>' after coder")]
    // Empty custom name.
    [InlineData("custom:", "unknown coder 'custom:'")]
    public void Rejects_what_is_not_a_coder(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => CoderSpec.Parse(text));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
