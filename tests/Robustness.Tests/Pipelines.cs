using BeamConformance.Protos.Adapters;
using Google.Protobuf;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.Robustness.Tests;

/// <summary>
/// A valid pipeline shaped like an SDK's (a root composite around Impulse → ParDo → GroupByKey → ParDo, KV coders,
/// global windows, one EXTERNAL environment whose worker pool is <paramref name="poolEndpoint"/>), the seed of the mutations.
/// </summary>
internal static class Pipelines
{
    public static Pipeline Valid(string poolEndpoint = "127.0.0.1:1")
    {
        var c = new Components();
        Coder(c, "bytes", "beam:coder:bytes:v1");
        Coder(c, "varint", "beam:coder:varint:v1");
        Coder(c, "kv", "beam:coder:kv:v1", "bytes", "varint");
        Coder(c, "iter", "beam:coder:iterable:v1", "varint");
        Coder(c, "kv_iter", "beam:coder:kv:v1", "bytes", "iter");
        Coder(c, "gw", "beam:coder:global_window:v1");
        c.WindowingStrategies["ws"] = (BeamConformance.Model.Windowing.WindowingStrategy.Default with { OnTimeBehavior = BeamConformance.Model.Windowing.OnTimeBehavior.FireIfNonEmpty, WindowCoderId = "gw", EnvironmentId = "env" }).ToProto();
        PCollection(c, "impulse.out", "bytes");
        PCollection(c, "pair.out", "kv");
        PCollection(c, "gbk.out", "kv_iter");
        PCollection(c, "sum.out", "kv");
        c.Transforms["impulse"] = new PTransform { UniqueName = "Impulse", Spec = new FunctionSpec { Urn = "beam:transform:impulse:v1" }, Outputs = { ["out"] = "impulse.out" } };
        c.Transforms["pair"] = ParDo("pair", "impulse.out", "pair.out");
        c.Transforms["gbk"] = new PTransform { UniqueName = "GroupByKey", Spec = new FunctionSpec { Urn = "beam:transform:group_by_key:v1" }, Inputs = { ["in"] = "pair.out" }, Outputs = { ["out"] = "gbk.out" } };
        c.Transforms["sum"] = ParDo("sum", "gbk.out", "sum.out");
        c.Transforms["root"] = new PTransform { UniqueName = "root", Subtransforms = { "impulse", "pair", "gbk", "sum" }, Outputs = { ["out"] = "sum.out" } };
        c.Environments["env"] = new Org.Apache.Beam.Model.Pipeline.V1.Environment
        {
            Urn = "beam:env:external:v1",
            Payload = new ExternalPayload { Endpoint = new ApiServiceDescriptor { Url = poolEndpoint } }.ToByteString(),
        };
        var pipeline = new Pipeline { Components = c };
        pipeline.RootTransformIds.Add("root");
        return pipeline;
    }

    public static PTransform ParDo(string id, string input, string output) => new()
    {
        UniqueName = id,
        Spec = new FunctionSpec { Urn = "beam:transform:pardo:v1", Payload = new ParDoPayload { DoFn = new FunctionSpec { Urn = "beam:dofn:fuzz:v1" } }.ToByteString() },
        Inputs = { ["in"] = input },
        Outputs = { ["out"] = output },
        EnvironmentId = "env",
    };

    private static void Coder(Components c, string id, string urn, params string[] components)
    {
        var coder = new Coder { Spec = new FunctionSpec { Urn = urn } };
        coder.ComponentCoderIds.AddRange(components);
        c.Coders[id] = coder;
    }

    private static void PCollection(Components c, string id, string coder) =>
        c.Pcollections[id] = new PCollection { UniqueName = id, CoderId = coder, WindowingStrategyId = "ws", IsBounded = IsBounded.Types.Enum.Bounded };
}
