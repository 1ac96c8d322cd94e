using BeamConformance.Model.Coders;

namespace BeamConformance.Model.Tests.Coders;

public sealed class CoderRegistryTests
{
    private static readonly Dictionary<string, CoderSpec> Table = new()
    {
        ["bytes"] = new CoderSpec(Urns.Coders.Bytes),
        ["varint"] = new CoderSpec(Urns.Coders.VarInt),
        ["kv"] = new CoderSpec(Urns.Coders.Kv, "bytes", "varint"),
        ["gw"] = new CoderSpec(Urns.Coders.GlobalWindow),
        ["wv"] = new CoderSpec(Urns.Coders.WindowedValue, "kv", "gw"),
        ["pickled"] = new CoderSpec("beam:coder:pickled_python:v1", new byte[] { 1, 2 }, []),
        ["lp"] = new CoderSpec(Urns.Coders.LengthPrefix, "pickled"),
        ["bad_kv"] = new CoderSpec(Urns.Coders.Kv, "bytes"),
        ["loop_a"] = new CoderSpec(Urns.Coders.Iterable, "loop_b"),
        ["loop_b"] = new CoderSpec(Urns.Coders.Iterable, "loop_a"),
    };

    private static CoderRegistry NewRegistry() => new(id => Table[id]);

    [Fact]
    public void Builds_a_windowed_kv_from_component_ids()
    {
        var coder = NewRegistry().Get("wv");

        Assert.Equal("beam:coder:windowed_value:v1(beam:coder:kv:v1(beam:coder:bytes:v1, beam:coder:varint:v1), beam:coder:global_window:v1)", coder.ToString());
        Assert.IsType<WindowedValueCoder>(coder);
    }

    [Fact]
    public void Caches_coders_by_id()
    {
        var registry = NewRegistry();
        Assert.Same(registry.Get("kv"), registry.Get("kv"));
    }

    [Fact]
    public void Unknown_urn_is_opaque_and_decodes_behind_a_length_prefix()
    {
        var coder = NewRegistry().Get("lp");

        Assert.IsType<OpaqueCoder>(coder.Components[0]);
        Assert.Equal("02 aa bb", Hex.Of(coder.EncodeToArray(coder.DecodeFrom(Hex.Bytes("02 aa bb")))));
        Assert.False(CoderRegistry.IsKnown("beam:coder:pickled_python:v1"));
        Assert.True(CoderRegistry.IsKnown(Urns.Coders.Row));
    }

    [Theory]
    [InlineData("bad_kv", "beam:coder:kv:v1: expects 2 component coder(s), got 1")] // wrong arity
    [InlineData("loop_a", "loop_a: coder components form a cycle")] // a cycle
    public void Invalid_coder_graphs_are_errors(string id, string message)
    {
        var error = Assert.Throws<CoderException>(() => NewRegistry().Get(id));
        Assert.Equal(message, error.Message);
    }
}
