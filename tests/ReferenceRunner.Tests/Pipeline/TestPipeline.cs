using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Tests.Translation;

/// <summary>Builds small pipeline protos shaped like the ones real SDKs submit (ids chosen by the test).</summary>
internal sealed class TestPipeline
{
    /// <summary>An SDK-specific coder the runner does not know (the TypeScript SDK's object coder).</summary>
    public const string OpaqueUrn = "beam:coder:genericobjectjs:v1";

    private readonly List<string> _roots = [];

    public TestPipeline()
    {
        Coder("bytes", "beam:coder:bytes:v1");
        Coder("varint", "beam:coder:varint:v1");
        Coder("str", "beam:coder:string_utf8:v1");
        Coder("opaque", OpaqueUrn);
        Coder("gw", "beam:coder:global_window:v1");
        Coder("iw", "beam:coder:interval_window:v1");
        Coder("kv_opaque", "beam:coder:kv:v1", "opaque", "opaque");
        Coder("kv_str_varint", "beam:coder:kv:v1", "str", "varint");
        Windowing("global", "beam:window_fn:global_windows:v1", "gw", MergeStatus.Types.Enum.NonMerging);
        Windowing("fixed", "beam:window_fn:fixed_windows:v1", "iw", MergeStatus.Types.Enum.NonMerging,
            new FixedWindowsPayload { Size = Duration.FromTimeSpan(TimeSpan.FromSeconds(10)) }.ToByteString());
        Windowing("sessions", "beam:window_fn:session_windows:v1", "iw", MergeStatus.Types.Enum.NeedsMerge,
            new SessionWindowsPayload { GapSize = Duration.FromTimeSpan(TimeSpan.FromSeconds(10)) }.ToByteString());
        Environment("js", "beam:env:external:v1");
    }

    public Org.Apache.Beam.Model.Pipeline.V1.Pipeline Proto { get; } = new() { Components = new Components() };

    public Components Components => Proto.Components;

    public Org.Apache.Beam.Model.Pipeline.V1.Pipeline Build()
    {
        Proto.RootTransformIds.Clear();
        Proto.RootTransformIds.AddRange(_roots);
        return Proto;
    }

    public TestPipeline Coder(string id, string urn, params string[] components)
    {
        var coder = new Org.Apache.Beam.Model.Pipeline.V1.Coder { Spec = new FunctionSpec { Urn = urn } };
        coder.ComponentCoderIds.AddRange(components);
        Components.Coders[id] = coder;
        return this;
    }

    public TestPipeline Windowing(string id, string windowFnUrn, string windowCoder, MergeStatus.Types.Enum mergeStatus, ByteString? payload = null)
    {
        Components.WindowingStrategies[id] = new WindowingStrategy
        {
            WindowFn = new FunctionSpec { Urn = windowFnUrn, Payload = payload ?? ByteString.Empty },
            MergeStatus = mergeStatus,
            WindowCoderId = windowCoder,
            Trigger = new Trigger { Default = new Trigger.Types.Default() },
            AccumulationMode = AccumulationMode.Types.Enum.Discarding,
            OutputTime = OutputTime.Types.Enum.EndOfWindow,
            ClosingBehavior = ClosingBehavior.Types.Enum.EmitAlways,
            OnTimeBehavior = OnTimeBehavior.Types.Enum.FireAlways,
            EnvironmentId = "js",
        };
        return this;
    }

    /// <summary>Adds an environment; an EXTERNAL one points at a worker pool address (nothing listens there).</summary>
    public TestPipeline Environment(string id, string urn)
    {
        Components.Environments[id] = urn == "beam:env:external:v1"
            ? Hosting.Pipelines.External()
            : new Org.Apache.Beam.Model.Pipeline.V1.Environment { Urn = urn };
        return this;
    }

    public string PCollection(string id, string coder, string windowing = "global")
    {
        Components.Pcollections[id] = new PCollection { UniqueName = id, CoderId = coder, WindowingStrategyId = windowing, IsBounded = IsBounded.Types.Enum.Bounded };
        return id;
    }

    /// <summary>An Impulse producing <c>{id}.out</c> (bytes, global windows).</summary>
    public string Impulse(string id)
    {
        Transform(id, "beam:transform:impulse:v1", "", [], [("out", PCollection(id + ".out", "bytes"))]);
        return id + ".out";
    }

    /// <summary>A ParDo reading <paramref name="input"/> (and side inputs) and producing <c>{id}.out</c> (or <c>{id}.out0..n</c>).</summary>
    public string ParDo(string id, string input, string coder = "opaque", string windowing = "global", string environment = "js",
        (string Local, string PCollection, string AccessPattern)[]? sides = null, int outputs = 1)
    {
        var payload = new ParDoPayload { DoFn = new FunctionSpec { Urn = "beam:dofn:serialized_js_dofn_info:v1" } };
        var inputs = new List<(string, string)> { ("in", input) };
        foreach (var (local, pcollection, pattern) in sides ?? [])
        {
            payload.SideInputs[local] = new SideInput
            {
                AccessPattern = new FunctionSpec { Urn = pattern },
                ViewFn = new FunctionSpec { Urn = "unused" },
                WindowMappingFn = new FunctionSpec { Urn = "beam:window_mapping_fn:global:v1" },
            };
            inputs.Add((local, pcollection));
        }

        var outs = outputs == 1
            ? [("out", PCollection(id + ".out", coder, windowing))]
            : Enumerable.Range(0, outputs).Select(i => ($"out{i}", PCollection($"{id}.out{i}", coder, windowing))).ToList();
        Transform(id, "beam:transform:pardo:v1", environment, inputs, outs, payload.ToByteString());
        return outs[0].Item2;
    }

    /// <summary>A GroupByKey of a <c>KV</c> PCollection producing <c>{id}.out</c>, coded <c>KV&lt;K, Iterable&lt;V&gt;&gt;</c>.</summary>
    public string GroupByKey(string id, string input)
    {
        var kv = Components.Coders[Components.Pcollections[input].CoderId];
        var iterable = $"iter_{kv.ComponentCoderIds[1]}";
        Coder(iterable, "beam:coder:iterable:v1", kv.ComponentCoderIds[1]);
        Coder($"kv_{kv.ComponentCoderIds[0]}_{iterable}", "beam:coder:kv:v1", kv.ComponentCoderIds[0], iterable);
        Transform(id, "beam:transform:group_by_key:v1", "", [("in", input)],
            [("out", PCollection(id + ".out", $"kv_{kv.ComponentCoderIds[0]}_{iterable}", Components.Pcollections[input].WindowingStrategyId))]);
        return id + ".out";
    }

    public string Flatten(string id, string coder, params string[] inputs)
    {
        Transform(id, "beam:transform:flatten:v1", "", [.. inputs.Select((p, i) => ($"in{i}", p))], [("out", PCollection(id + ".out", coder))]);
        return id + ".out";
    }

    public string Reshuffle(string id, string input)
    {
        Transform(id, "beam:transform:reshuffle:v1", "", [("in", input)], [("out", PCollection(id + ".out", Components.Pcollections[input].CoderId))]);
        return id + ".out";
    }

    /// <summary>A CombinePerKey composite (payload with accumulator coder <c>varint</c>) expanded as GroupByKey + ParDo.</summary>
    public string CombinePerKey(string id, string input, string windowing = "global")
    {
        var grouped = GroupByKey(id + "/gbk", input);
        var output = ParDo(id + "/apply", grouped, "kv_opaque", windowing);
        var payload = new CombinePayload { CombineFn = new FunctionSpec { Urn = "beam:dofn:serialized_js_combinefn_info:v1" }, AccumulatorCoderId = "varint" };
        Transform(id, "beam:transform:combine_per_key:v1", "js", [("in", input)], [("out", output)], payload.ToByteString());
        Components.Transforms[id].Subtransforms.AddRange([id + "/gbk", id + "/apply"]);
        _roots.Remove(id + "/gbk");
        _roots.Remove(id + "/apply");
        return output;
    }

    public PTransform Transform(string id, string urn, string environment, IEnumerable<(string Local, string PCollection)> inputs,
        IEnumerable<(string Local, string PCollection)> outputs, ByteString? payload = null)
    {
        var transform = new PTransform
        {
            UniqueName = id,
            Spec = new FunctionSpec { Urn = urn, Payload = payload ?? ByteString.Empty },
            EnvironmentId = environment,
        };
        foreach (var (local, pcollection) in inputs)
        {
            transform.Inputs[local] = pcollection;
        }

        foreach (var (local, pcollection) in outputs)
        {
            transform.Outputs[local] = pcollection;
        }

        Components.Transforms[id] = transform;
        _roots.Add(id);
        return transform;
    }
}
