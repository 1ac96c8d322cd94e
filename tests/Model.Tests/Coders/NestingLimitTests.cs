using BeamConformance.Model.Coders;
using BeamConformance.Model.Schemas;

namespace BeamConformance.Model.Tests.Coders;

/// <summary>Coder and schema nesting deep enough to exhaust the stack of a recursive reader is refused with an error naming the limit.</summary>
public sealed class NestingLimitTests
{
    [Fact]
    public void Coders_nested_20000_deep_are_a_coder_error_at_the_depth_limit()
    {
        var table = new Dictionary<string, CoderSpec> { ["bytes"] = new(Urns.Coders.Bytes) };
        var inner = "bytes";
        for (var i = 0; i < 20_000; i++)
        {
            table["n" + i] = new CoderSpec(Urns.Coders.Iterable, inner);
            inner = "n" + i;
        }

        var registry = new CoderRegistry(id => table[id]);

        var e = Assert.Throws<CoderException>(() => registry.Get(inner));
        Assert.Contains("n19935", e.Message, StringComparison.Ordinal);
        Assert.Contains("component coders nest deeper than 64 levels", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Coders_nested_exactly_to_the_limit_build()
    {
        var table = new Dictionary<string, CoderSpec> { ["bytes"] = new(Urns.Coders.Bytes) };
        var inner = "bytes";
        for (var i = 1; i < CoderRegistry.MaxDepth; i++)
        {
            table["n" + i] = new CoderSpec(Urns.Coders.Iterable, inner);
            inner = "n" + i;
        }

        Assert.IsType<IterableCoder>(new CoderRegistry(id => table[id]).Get(inner));
    }

    [Theory]
    [InlineData(Schema.MaxNestingDepth - 1, null)]
    [InlineData(20_000, "schema types nest deeper than 64 levels")]
    public void Schema_array_types_nested_past_the_limit_are_a_format_error(int arrays, string? error)
    {
        // FieldType { atomic_type: INT64 } inside `arrays` ArrayType { element_type } wrappers, in one Field of one Schema.
        byte[] type = [0x10, 0x04];
        for (var i = 0; i < arrays; i++)
        {
            type = Message(0x1a, Message(0x0a, type));
        }

        var schema = Message(0x0a, [0x0a, 0x01, (byte)'f', .. Message(0x1a, type)]);

        if (error is null)
        {
            Assert.Single(Schema.Parse(schema).Fields);
        }
        else
        {
            Assert.Equal(error, Assert.Throws<FormatException>(() => Schema.Parse(schema)).Message);
        }
    }

    // A length-delimited field: tag, varint length, bytes.
    private static byte[] Message(byte tag, byte[] body)
    {
        var bytes = new List<byte> { tag };
        for (var n = (uint)body.Length; ; n >>= 7)
        {
            if (n < 0x80)
            {
                bytes.Add((byte)n);
                break;
            }

            bytes.Add((byte)(n | 0x80));
        }

        bytes.AddRange(body);
        return [.. bytes];
    }
}
