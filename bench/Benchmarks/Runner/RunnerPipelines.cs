using BeamConformance.Protos.Adapters;
using System.Text.Json.Nodes;
using BeamConformance.FakeHarness;
using Google.Protobuf;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.Benchmarks.Runner;

/// <summary>
/// The benchmark's Pipeline protos, built by the suite/harness wire contract (/tmp/team/HARNESS.md,
/// testdata/README.md): our test transforms are <c>beam:transform:pardo:v1</c> whose <c>do_fn</c> is a
/// <c>beamconformance:transform:*:v1</c> spec with a UTF-8 JSON payload carrying the <c>"run"</c> id, in the
/// EXTERNAL environment <c>fakeharness</c> that points at the in-process FakeHarness worker pool.
/// </summary>
internal static class RunnerPipelines
{
    private const string Bytes = "bytes";
    private const string VarInt = "varint";
    private const string KeyedVarInt = "kv_varint_varint";
    private const string Grouped = "kv_varint_iterable_varint";

    /// <summary>
    /// Impulse → create [n] → flat_map range (0..n-1) → map add 1 ×3 (→ capture <c>sink</c> when
    /// <paramref name="capture"/>): every SDK transform fuses into one executable stage, so this measures the
    /// harness-side chain and the job's overhead. The last map's output is PCollection <c>p5</c>.
    /// </summary>
    public static Pipeline FusedChain(string runId, string harnessEndpoint, long elements, bool capture = true)
    {
        var b = new Builder(runId, harnessEndpoint);
        b.Impulse("impulse", "p0");
        b.ParDo("create", "create", "p0", "p1", VarInt, new JsonObject { ["values"] = new JsonArray(elements) });
        b.ParDo("range", "flat_map", "p1", "p2", VarInt, Fn("range", new JsonObject()));
        b.ParDo("map1", "map", "p2", "p3", VarInt, Fn("add", 1));
        b.ParDo("map2", "map", "p3", "p4", VarInt, Fn("add", 1));
        b.ParDo("map3", "map", "p4", "p5", VarInt, Fn("add", 1));
        if (capture)
        {
            b.ParDo("sink", "capture", "p5", null, null, new JsonObject());
        }

        return b.Pipeline;
    }

    /// <summary>
    /// Impulse → create [n] → flat_map range → key_by (value mod <paramref name="keys"/>) → GroupByKey → capture
    /// <c>sink</c>: two executable stages around the runner's GroupByKey, so every element crosses the data plane
    /// twice (as a kv from the harness, inside a grouped iterable back to it).
    /// </summary>
    public static Pipeline GroupByKey(string runId, string harnessEndpoint, long elements, long keys)
    {
        var b = new Builder(runId, harnessEndpoint);
        b.Impulse("impulse", "p0");
        b.ParDo("create", "create", "p0", "p1", VarInt, new JsonObject { ["values"] = new JsonArray(elements) });
        b.ParDo("range", "flat_map", "p1", "p2", VarInt, Fn("range", new JsonObject()));
        b.ParDo("key_by", "key_by", "p2", "p3", KeyedVarInt, new JsonObject { ["key"] = new JsonObject { ["mod"] = keys } });
        b.GroupByKey("gbk", "p3", "p4", Grouped);
        b.ParDo("sink", "capture", "p4", null, null, new JsonObject());
        return b.Pipeline;
    }

    private static JsonObject Fn(string name, JsonNode argument) => new() { ["fn"] = new JsonObject { [name] = argument } };

    private sealed class Builder
    {
        private readonly string _runId;
        private readonly Components _components = new();

        public Builder(string runId, string harnessEndpoint)
        {
            _runId = runId;
            Pipeline = new Pipeline { Components = _components };
            var environment = new Org.Apache.Beam.Model.Pipeline.V1.Environment
            {
                Urn = "beam:env:external:v1",
                Payload = new ExternalPayload { Endpoint = new ApiServiceDescriptor { Url = harnessEndpoint } }.ToByteString(),
            };
            environment.Capabilities.Add(HarnessUrns.Capabilities);
            _components.Environments[HarnessUrns.EnvironmentId] = environment;

            Coder(Bytes, "beam:coder:bytes:v1");
            Coder(VarInt, "beam:coder:varint:v1");
            Coder("global", "beam:coder:global_window:v1");
            Coder(KeyedVarInt, "beam:coder:kv:v1", VarInt, VarInt);
            Coder("iterable_varint", "beam:coder:iterable:v1", VarInt);
            Coder(Grouped, "beam:coder:kv:v1", VarInt, "iterable_varint");
            _components.WindowingStrategies["global"] = (BeamConformance.Model.Windowing.WindowingStrategy.Default with { OnTimeBehavior = BeamConformance.Model.Windowing.OnTimeBehavior.FireIfNonEmpty, WindowCoderId = "global", EnvironmentId = HarnessUrns.EnvironmentId }).ToProto();
        }

        public Pipeline Pipeline { get; }

        public void Impulse(string id, string output)
        {
            PCollection(output, Bytes);
            Add(id, new PTransform { UniqueName = id, Spec = new FunctionSpec { Urn = "beam:transform:impulse:v1" }, Outputs = { ["out"] = output } });
        }

        public void GroupByKey(string id, string input, string output, string coder)
        {
            PCollection(output, coder);
            Add(id, new PTransform
            {
                UniqueName = id,
                Spec = new FunctionSpec { Urn = "beam:transform:group_by_key:v1" },
                Inputs = { ["main"] = input },
                Outputs = { ["out"] = output },
            });
        }

        /// <summary>A test transform: <paramref name="kind"/> is the part of <c>beamconformance:transform:KIND:v1</c>.</summary>
        public void ParDo(string id, string kind, string input, string? output, string? coder, JsonObject payload)
        {
            payload[HarnessUrns.RunKey] = _runId;
            var doFn = new FunctionSpec { Urn = HarnessUrns.TransformPrefix + kind + ":v1", Payload = ByteString.CopyFromUtf8(payload.ToJsonString()) };
            var transform = new PTransform
            {
                UniqueName = id,
                Spec = new FunctionSpec { Urn = "beam:transform:pardo:v1", Payload = new ParDoPayload { DoFn = doFn }.ToByteString() },
                Inputs = { ["main"] = input },
                EnvironmentId = HarnessUrns.EnvironmentId,
            };
            if (output is not null)
            {
                PCollection(output, coder!);
                transform.Outputs["out"] = output;
            }

            Add(id, transform);
        }

        private void Add(string id, PTransform transform)
        {
            _components.Transforms[id] = transform;
            Pipeline.RootTransformIds.Add(id);
        }

        private void PCollection(string id, string coder) =>
            _components.Pcollections[id] = new PCollection { UniqueName = id, CoderId = coder, WindowingStrategyId = "global", IsBounded = IsBounded.Types.Enum.Bounded };

        private void Coder(string id, string urn, params string[] components)
        {
            var coder = new Coder { Spec = new FunctionSpec { Urn = urn } };
            coder.ComponentCoderIds.Add(components);
            _components.Coders[id] = coder;
        }
    }
}
