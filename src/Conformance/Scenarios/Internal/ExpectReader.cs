using BeamConformance.Model;
using BeamConformance.Model.Windows;
using YamlDotNet.RepresentationModel;

namespace BeamConformance.Conformance.Scenarios.Internal;

/// <summary>Reads the <c>expect</c> section, typing pane values by the capture's input coder.</summary>
internal static class ExpectReader
{
    private static readonly Dictionary<string, FailurePhase> Phases = new(StringComparer.Ordinal)
    {
        ["prepare"] = FailurePhase.Prepare, ["run"] = FailurePhase.Run,
    };

    private static readonly Dictionary<string, PaneTiming> Timings = new(StringComparer.Ordinal)
    {
        ["EARLY"] = PaneTiming.Early, ["ON_TIME"] = PaneTiming.OnTime, ["LATE"] = PaneTiming.Late, ["UNKNOWN"] = PaneTiming.Unknown,
    };

    private static readonly HashSet<string> StateKinds = new(
        ["iterable_side_input", "multimap_side_input", "multimap_keys_side_input", "runner", "bag_user_state", "multimap_keys_user_state", "multimap_user_state", "ordered_list_user_state"], StringComparer.Ordinal);

    private static readonly HashSet<string> TimerDirections = new(["to_harness", "from_harness"], StringComparer.Ordinal);

    private static readonly HashSet<string> InstructionKinds = new(
        ["register", "process_bundle", "process_bundle_progress", "process_bundle_split", "finalize_bundle", "monitoring_infos"], StringComparer.Ordinal);

    public static ScenarioExpectation Read(YamlSource s, YamlNode? node, PipelineSpec pipeline)
    {
        if (node is null)
        {
            return new ScenarioExpectation(new Dictionary<string, IReadOnlyList<ExpectedPane>>(), null, []);
        }

        var map = YamlMap.Open(s, node, "expect", "expect");
        var outputs = new Dictionary<string, IReadOnlyList<ExpectedPane>>(StringComparer.Ordinal);
        if (map.Get("outputs") is YamlNode outs)
        {
            var captures = pipeline.Transforms.Where(t => t.Urn == ScenarioUrns.Capture).Select(t => t.Name).ToList();
            if (outs is YamlMappingNode mapping
                && mapping.Children.Keys.FirstOrDefault(k => k is YamlScalarNode { Value: { } n } && !captures.Contains(n)) is YamlScalarNode stray)
            {
                throw s.Error(stray, stray.Value, $"not a capture transform of the pipeline (captures: {string.Join(", ", captures)})");
            }

            var sinks = YamlMap.Open(s, outs, "global", "outputs", captures.ToHashSet(StringComparer.Ordinal));
            foreach (var sink in sinks.Keys)
            {
                var capture = pipeline.Transforms.First(t => t.Name == sink);
                var coder = capture.Inputs.Count == 1 && pipeline.PCollections.TryGetValue(capture.Inputs[0], out var pc) ? pc.Coder : null;
                outputs[sink] = [.. sinks.List(sink).Select(p => Pane(s, p, coder))];
            }
        }

        var failure = map.Get("failure") is { } f ? Failure(s, f) : null;
        if (failure is not null && map.Has("outputs"))
        {
            throw map.Error("failure", "expect either outputs or a failure, not both");
        }

        return new ScenarioExpectation(outputs, failure, [.. map.List("protocol").Select(p => Protocol(s, p))]);
    }

    private static ExpectedPane Pane(YamlSource s, YamlNode node, CoderSpec? coder)
    {
        var map = YamlMap.Open(s, node, "pane", "outputs");
        if (map.Has("values") && map.Has("elements"))
        {
            throw map.Error("elements", "a pane has values or elements, not both");
        }

        BoundedWindow? window = null;
        if (map.Get("window") is { } w)
        {
            if (w is YamlScalarNode { Value: "global" })
            {
                window = GlobalWindow.Instance;
            }
            else
            {
                var interval = YamlMap.Open(s, w, "interval", "window");
                var start = s.Timestamp(interval.Required("start_ms"), "start_ms");
                var end = s.Timestamp(interval.Required("end_ms"), "end_ms");
                window = end > start ? new IntervalWindow(start, end) : throw interval.Error("end_ms", "must be after start_ms");
            }
        }

        ExpectedPaneInfo? pane = null;
        if (map.Get("pane") is { } p)
        {
            var pi = YamlMap.Open(s, p, "pane_info", "pane");
            pane = new ExpectedPaneInfo(
                pi.Get("timing") is { } t ? s.Enum(t, "timing", Timings) : null,
                pi.OptLong("index"), pi.OptLong("on_time_index"), pi.OptBool("first"), pi.OptBool("last"));
        }

        IReadOnlyList<ElementSpec>? elements = map.Has("values")
            ? [.. map.List("values").Select(v => new ElementSpec(PipelineReader.Value(s, v, coder, "values"), null))]
            : map.Has("elements") ? [.. map.List("elements").Select(e => PipelineReader.Element(s, e, coder))] : null;
        return new ExpectedPane(window, pane, map.Get("timestamp_ms") is { } ts ? s.Timestamp(ts, "timestamp_ms") : null, elements, map.OptBool("ordered") ?? false, map.Location);
    }

    private static ExpectedFailure Failure(YamlSource s, YamlNode node)
    {
        var map = YamlMap.Open(s, node, "failure", "failure");
        var status = map.OptString("status");
        if (status is not null && !ScenarioFormat.StatusCodes.Contains(status))
        {
            throw map.Error("status", $"'{status}' is not a gRPC status code name");
        }

        return new ExpectedFailure(
            s.Enum(map.Required("phase"), "phase", Phases),
            status,
            map.Get("job_state") is { } js ? JobApiReader.State(s, js, "job_state") : null,
            map.Strings("message_contains"));
    }

    private static ExpectedDescriptorTransform DescriptorTransform(YamlSource s, YamlNode node)
    {
        var map = YamlMap.Open(s, node, "descriptor_transform", "transforms");
        var uniqueName = map.OptString("unique_name");
        return new ExpectedDescriptorTransform(
            map.String("urn"),
            uniqueName is { Length: 0 } ? throw map.Error("unique_name", "a unique name is not empty (leave the key out not to check it)") : uniqueName,
            map.Get("annotations") is { } a ? PipelineReader.StringMap(s, a, "annotations") : null);
    }

    private static ProtocolCheck Protocol(YamlSource s, YamlNode node)
    {
        var (variant, arg, _) = s.Union(node, "protocol_check", "protocol");
        var map = YamlMap.Open(s, arg, variant, variant);
        switch (variant)
        {
            case "data_to_harness":
                var values = HexList(s, map, "windowed_values_hex");
                return new ProtocolCheck.DataToHarness(map.String("pcollection"), [.. values], map.OptBool("ordered") ?? false);
            case "descriptor":
                return new ProtocolCheck.Descriptor(map.Strings("transform_urns_include"), map.OptBool("state_api"))
                {
                    TransformUrnsExclude = map.Strings("transform_urns_exclude"),
                    Transforms = [.. map.List("transforms").Select(t => DescriptorTransform(s, t))],
                };
            case "timers":
                var timers = HexList(s, map, "timers_hex");
                var direction = map.String("direction");
                return TimerDirections.Contains(direction)
                    ? new ProtocolCheck.Timers(direction == "to_harness", map.String("family"), [.. timers], map.OptBool("ordered") ?? true)
                    : throw map.Error("direction", $"'{direction}' is not one of: to_harness, from_harness");
            case "state_requests":
                var operation = map.OptString("operation");
                return new ProtocolCheck.StateRequests(Kind(s, map, StateKinds), map.OptString("side_input"), Count(map))
                {
                    Operation = operation is null || operation is "get" or "append" or "clear" ? operation : throw map.Error("operation", $"'{operation}' is not one of: get, append, clear"),
                    Transform = map.OptString("transform"),
                    StateId = map.OptString("state_id"),
                    KeyHex = OptHex(s, map, "key_hex"),
                    WindowHex = OptHex(s, map, "window_hex"),
                    Continued = map.OptBool("continued"),
                };
            case "user_state_cache_tokens":
                return new ProtocolCheck.UserStateCacheTokens(Count(map));
            case "channel_splits":
                return new ProtocolCheck.ChannelSplits(
                    [.. map.List("answers").Select(a => SplitAnswer(s, a))],
                    map.Get("estimated_input_elements") is null ? null : [.. map.List("estimated_input_elements").Select(e => s.Long(e, "estimated_input_elements"))],
                    map.OptBool("prefix") ?? false);
            case "checkpoints":
                return new ProtocolCheck.Checkpoints([.. map.List("delays_ms").Select(d => s.Long(d, "delays_ms"))], map.OptBool("resumed") ?? true);
            case "bundle_finalization":
                return new ProtocolCheck.BundleFinalization(checked((int)map.Long("finalized")));
            case "residual_watermarks":
                return map.Get("checkpoints_ms") is null && map.Get("element_splits_ms") is null
                    ? throw s.Error(arg, "residual_watermarks", "give checkpoints_ms, element_splits_ms or both")
                    : new ProtocolCheck.ResidualWatermarks(
                        map.Get("checkpoints_ms") is null ? null : [.. map.List("checkpoints_ms").Select(w => s.Timestamp(w, "checkpoints_ms"))],
                        map.Get("element_splits_ms") is null ? null : [.. map.List("element_splits_ms").Select(w => w is YamlScalarNode { Value: "none" } ? (long?)null : s.Timestamp(w, "element_splits_ms"))]);
            case "element_splits":
                return new ProtocolCheck.ElementSplits(
                    [.. map.List("primary").Select(a => Range(s, a, "primary"))],
                    map.Get("residual") is null ? null : [.. map.List("residual").Select(a => Range(s, a, "residual"))]);
            case "progress":
                return new ProtocolCheck.Progress(
                    map.Get("first_work_per_bundle") is null ? null : [.. map.List("first_work_per_bundle").Select(a => Work(s, a))],
                    map.OptLong("answers_at_least"));
            case "late_requests":
                return new ProtocolCheck.LateRequests(Count(map));
            default:
                return new ProtocolCheck.Instructions(Kind(s, map, InstructionKinds), Count(map));
        }
    }

    // [read_index, completed, remaining] of one progress answer.
    private static (long, double, double) Work(YamlSource s, YamlNode node, string key = "first_work_per_bundle") =>
        node is YamlSequenceNode seq && seq.Children.Count == 3
            ? (s.Long(seq.Children[0], key), s.Double(seq.Children[1], key), s.Double(seq.Children[2], key))
            : throw s.Error(node, key, "each entry is [read_index, completed, remaining]");

    // [from, to] of a root's offset range, or the string none for "no element split".
    private static (long, long)? Range(YamlSource s, YamlNode node, string key) =>
        node is YamlScalarNode { Value: "none" } ? null
        : node is YamlSequenceNode seq && seq.Children.Count == 2 ? (s.Long(seq.Children[0], key), s.Long(seq.Children[1], key))
        : throw s.Error(node, key, "each entry is [from, to] or none");

    // A list of lower-case hex strings, each one value's bytes.
    private static IEnumerable<byte[]> HexList(YamlSource s, YamlMap map, string key) => map.List(key).Select(h =>
    {
        var hex = s.String(h, key);
        return hex.Length % 2 == 0 && hex.All(char.IsAsciiHexDigitLower) ? Convert.FromHexString(hex) : throw s.Error(h, key, $"'{hex}' is not lower-case hex bytes");
    });

    // [last_primary_element, first_residual_element], or the string none for "no split".
    private static (long, long)? SplitAnswer(YamlSource s, YamlNode node)
    {
        if (node is YamlScalarNode { Value: "none" })
        {
            return null;
        }

        var pair = node is YamlSequenceNode seq && seq.Children.Count == 2
            ? (s.Long(seq.Children[0], "answers"), s.Long(seq.Children[1], "answers"))
            : throw s.Error(node, "answers", "each answer is [last_primary_element, first_residual_element] or none");
        return pair;
    }

    // Lower-case hex bytes ("" allowed: an empty key or the global window's empty window bytes).
    private static string? OptHex(YamlSource s, YamlMap map, string key)
    {
        var hex = map.Get(key) is { } node ? s.String(node, key) : null;
        return hex is null || (hex.Length % 2 == 0 && hex.All(char.IsAsciiHexDigitLower)) ? hex : throw map.Error(key, $"'{hex}' is not lower-case hex bytes");
    }

    private static string Kind(YamlSource s, YamlMap map, HashSet<string> kinds)
    {
        var kind = map.String("kind");
        return kinds.Contains(kind) ? kind : throw map.Error("kind", $"'{kind}' is not one of: {string.Join(", ", kinds)}");
    }

    private static CountBound Count(YamlMap map)
    {
        var bound = new CountBound(map.OptLong("count"), map.OptLong("at_least"), map.OptLong("at_most"));
        return bound is { Exactly: null, AtLeast: null, AtMost: null } ? throw map.Error("count", "give count, at_least or at_most") : bound;
    }
}
