using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Org.Apache.Beam.Model.FnExecution.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.FakeHarness.Tests;

/// <summary>Builds ProcessBundleDescriptors the way a runner does: coders, PCollections, windowing, data ports, transforms.</summary>
internal sealed class DescriptorBuilder
{
    private readonly string _dataUrl;

    public DescriptorBuilder(string id, string runId, string dataUrl)
    {
        RunId = runId;
        _dataUrl = dataUrl;
        Descriptor = new ProcessBundleDescriptor { Id = id };
        GlobalWindowing = Windowing("global", new FunctionSpec { Urn = "beam:window_fn:global_windows:v1" }, GlobalWindowCoder);
    }

    public ProcessBundleDescriptor Descriptor { get; }

    public string RunId { get; }

    public string GlobalWindowing { get; }

    public string Bytes => Coder("beam:coder:bytes:v1");

    public string VarInt => Coder("beam:coder:varint:v1");

    public string StringUtf8 => Coder("beam:coder:string_utf8:v1");

    public string Double => Coder("beam:coder:double:v1");

    public string GlobalWindowCoder => Coder("beam:coder:global_window:v1");

    public string IntervalWindowCoder => Coder("beam:coder:interval_window:v1");

    public string Kv(string key, string value) => Coder("beam:coder:kv:v1", key, value);

    public string Iterable(string element) => Coder("beam:coder:iterable:v1", element);

    public string Windowed(string element, string window) => Coder("beam:coder:windowed_value:v1", element, window);

    /// <summary>Adds a coder (deduplicated by URN and components) and returns its id.</summary>
    public string Coder(string urn, params string[] components)
    {
        var id = urn.Replace(':', '_') + (components.Length == 0 ? string.Empty : "(" + string.Join(",", components) + ")");
        if (!Descriptor.Coders.ContainsKey(id))
        {
            var coder = new Org.Apache.Beam.Model.Pipeline.V1.Coder { Spec = new FunctionSpec { Urn = urn } };
            coder.ComponentCoderIds.AddRange(components);
            Descriptor.Coders[id] = coder;
        }

        return id;
    }

    public string Windowing(string id, FunctionSpec windowFn, string windowCoder)
    {
        Descriptor.WindowingStrategies[id] = new WindowingStrategy { WindowFn = windowFn, WindowCoderId = windowCoder, MergeStatus = MergeStatus.Types.Enum.NonMerging };
        return id;
    }

    public static FunctionSpec Fixed(long sizeMillis, long offsetMillis = 0) => new()
    {
        Urn = "beam:window_fn:fixed_windows:v1",
        Payload = new FixedWindowsPayload { Size = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(sizeMillis)), Offset = Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(offsetMillis)) }.ToByteString(),
    };

    public static FunctionSpec Sliding(long sizeMillis, long periodMillis) => new()
    {
        Urn = "beam:window_fn:sliding_windows:v1",
        Payload = new SlidingWindowsPayload { Size = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(sizeMillis)), Period = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(periodMillis)) }.ToByteString(),
    };

    public static FunctionSpec Sessions(long gapMillis) => new()
    {
        Urn = "beam:window_fn:session_windows:v1",
        Payload = new SessionWindowsPayload { GapSize = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(gapMillis)) }.ToByteString(),
    };

    public string PCollection(string id, string coder, string? windowing = null)
    {
        Descriptor.Pcollections[id] = new PCollection { UniqueName = id, CoderId = coder, WindowingStrategyId = windowing ?? GlobalWindowing };
        return id;
    }

    public void Source(string id, string output, string wireCoder) =>
        Add(id, "beam:runner:source:v1", Port(wireCoder), [], new() { ["out"] = output });

    public void Sink(string id, string input, string wireCoder) =>
        Add(id, "beam:runner:sink:v1", Port(wireCoder), new() { ["in"] = input }, []);

    /// <summary>A ParDo of one of our test transforms; <paramref name="payload"/> gets the "run" key.</summary>
    public ParDoPayload ParDo(string id, string doFnUrn, object payload, Dictionary<string, string> inputs, Dictionary<string, string> outputs, Dictionary<string, SideInput>? sideInputs = null)
    {
        var pardo = new ParDoPayload { DoFn = new FunctionSpec { Urn = doFnUrn, Payload = Json(payload) } };
        foreach (var (name, side) in sideInputs ?? [])
        {
            pardo.SideInputs[name] = side;
        }

        Add(id, "beam:transform:pardo:v1", pardo.ToByteString(), inputs, outputs);
        return pardo;
    }

    public void Combine(string id, string urn, string fn, string accumulatorCoder, string input, string output) =>
        Add(id, urn, new CombinePayload { CombineFn = new FunctionSpec { Urn = "beamconformance:combine_fn:v1", Payload = Json(new { fn }) }, AccumulatorCoderId = accumulatorCoder }.ToByteString(),
            new() { ["in"] = input }, new() { ["out"] = output });

    public void WindowInto(string id, FunctionSpec windowFn, string input, string output) =>
        Add(id, "beam:transform:window_into:v1", new WindowIntoPayload { WindowFn = windowFn }.ToByteString(), new() { ["in"] = input }, new() { ["out"] = output });

    public void Add(string id, string urn, ByteString payload, Dictionary<string, string> inputs, Dictionary<string, string> outputs)
    {
        var transform = new PTransform { UniqueName = id, Spec = new FunctionSpec { Urn = urn, Payload = payload }, EnvironmentId = "fakeharness" };
        foreach (var (k, v) in inputs)
        {
            transform.Inputs[k] = v;
        }

        foreach (var (k, v) in outputs)
        {
            transform.Outputs[k] = v;
        }

        Descriptor.Transforms[id] = transform;
    }

    public void StateApi(string url) => Descriptor.StateApiServiceDescriptor = new ApiServiceDescriptor { Url = url };

    public ByteString Json(object payload)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(payload as string ?? JsonSerializer.Serialize(payload))!.AsObject();
        node["run"] = RunId;
        return ByteString.CopyFromUtf8(node.ToJsonString());
    }

    private ByteString Port(string wireCoder) =>
        new RemoteGrpcPort { ApiServiceDescriptor = new ApiServiceDescriptor { Url = _dataUrl }, CoderId = wireCoder }.ToByteString();
}
