using BeamConformance.Model.Coders;
using BeamConformance.Protos.Adapters;
using Google.Protobuf;
using Org.Apache.Beam.Model.Pipeline.V1;
using ModelCoder = BeamConformance.Model.Coders.Coder;
using ProtoCoder = Org.Apache.Beam.Model.Pipeline.V1.Coder;

namespace BeamConformance.Model.Tests.Adapters;

public sealed class CoderProtoAdapterTests
{
    private static ProtoCoder Proto(string urn, params string[] components)
    {
        var coder = new ProtoCoder { Spec = new FunctionSpec { Urn = urn } };
        coder.ComponentCoderIds.Add(components);
        return coder;
    }

    [Fact]
    public void Components_build_a_windowed_kv_coder_that_encodes_exact_bytes()
    {
        var components = new Components();
        components.Coders.Add("b", Proto("beam:coder:bytes:v1"));
        components.Coders.Add("v", Proto("beam:coder:varint:v1"));
        components.Coders.Add("kv", Proto("beam:coder:kv:v1", "b", "v"));
        components.Coders.Add("w", Proto("beam:coder:global_window:v1"));
        components.Coders.Add("wv", Proto("beam:coder:windowed_value:v1", "kv", "w"));

        ModelCoder coder = components.CreateCoderRegistry().Get("wv");
        var bytes = coder.EncodeToArray(WindowedValue<object?>.InGlobalWindow(new KV(new byte[] { 0x61 }, 1L), 0));

        Assert.Equal("80 00 00 00 00 00 00 00 00 00 00 01 0f 01 61 01", Tests.Coders.Hex.Of(bytes));
    }

    [Fact]
    public void Unknown_coder_id_names_the_id()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => new Components().CreateCoderRegistry().Get("missing"));
        Assert.Equal("coder id 'missing' is not in the pipeline's components", error.Message);
    }

    [Fact]
    public void A_coder_without_a_spec_urn_is_an_invalid_coder()
    {
        var components = new Components();
        components.Coders.Add("none", new ProtoCoder());
        components.Coders.Add("lp", Proto("beam:coder:length_prefix:v1", "none"));

        var error = Assert.Throws<CoderException>(() => components.CreateCoderRegistry().Get("lp"));

        Assert.Equal("(no coder URN): the Coder message has no spec URN (Coder.spec.urn is required)", error.Message);
    }

    [Fact]
    public void A_registry_over_a_map_finds_coders_added_after_it_was_made()
    {
        var coders = new Dictionary<string, ProtoCoder> { ["b"] = Proto("beam:coder:bytes:v1") };
        var registry = coders.CreateCoderRegistry("the test's map");
        coders["it"] = Proto("beam:coder:iterable:v1", "b");

        Assert.IsType<IterableCoder>(registry.Get("it"));
        Assert.Equal("coder id 'x' is not in the test's map", Assert.Throws<KeyNotFoundException>(() => registry.Get("x")).Message);
    }

    [Fact]
    public void Row_coder_payload_is_the_serialized_schema_message()
    {
        var schema = new Org.Apache.Beam.Model.Pipeline.V1.Schema { Id = "s1" };
        schema.Fields.Add(new Field { Name = "n", Type = new FieldType { Nullable = true, AtomicType = AtomicType.Int64 } });
        schema.Fields.Add(new Field { Name = "tags", Type = new FieldType { ArrayType = new ArrayType { ElementType = new FieldType { AtomicType = AtomicType.String } } } });
        var components = new Components();
        components.Coders.Add("row", new ProtoCoder { Spec = new FunctionSpec { Urn = "beam:coder:row:v1", Payload = schema.ToByteString() } });

        var coder = Assert.IsType<RowCoder>(components.CreateCoderRegistry().Get("row"));

        Assert.Equal("n: INT64?, tags: ARRAY<STRING>", coder.Schema.ToString());
        Assert.Equal(coder.Schema, schema.ToModelSchema());
    }

    [Fact]
    public void Spec_round_trips_through_the_proto()
    {
        var spec = new CoderSpec("beam:coder:param_windowed_value:v1", new byte[] { 1, 2 }, ["a", "b"]);

        var back = spec.ToProto().ToCoderSpec();

        Assert.Equal(spec.Urn, back.Urn);
        Assert.Equal(spec.Payload.ToArray(), back.Payload.ToArray());
        Assert.Equal(spec.ComponentCoderIds, back.ComponentCoderIds);
    }
}
