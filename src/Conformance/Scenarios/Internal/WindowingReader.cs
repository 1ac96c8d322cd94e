using YamlDotNet.RepresentationModel;

namespace BeamConformance.Conformance.Scenarios.Internal;

/// <summary>Reads windowing strategies, window fns and trigger trees.</summary>
internal static class WindowingReader
{
    private static readonly HashSet<string> BareWindowFns = new(["global"], StringComparer.Ordinal);
    private static readonly HashSet<string> BareTriggers = new(["default", "never", "always", "after_synchronized_processing_time"], StringComparer.Ordinal);

    private static readonly Dictionary<string, AccumulationMode> Modes = new(StringComparer.Ordinal)
    {
        ["discarding"] = AccumulationMode.Discarding, ["accumulating"] = AccumulationMode.Accumulating, ["retracting"] = AccumulationMode.Retracting,
    };

    private static readonly Dictionary<string, TimestampCombinerKind> Combiners = new(StringComparer.Ordinal)
    {
        ["earliest"] = TimestampCombinerKind.Earliest, ["latest"] = TimestampCombinerKind.Latest, ["end_of_window"] = TimestampCombinerKind.EndOfWindow,
    };

    private static readonly Dictionary<string, ClosingBehavior> Closing = new(StringComparer.Ordinal)
    {
        ["emit_if_nonempty"] = ClosingBehavior.EmitIfNonEmpty, ["emit_always"] = ClosingBehavior.EmitAlways,
    };

    private static readonly Dictionary<string, OnTimeBehavior> OnTime = new(StringComparer.Ordinal)
    {
        ["fire_always"] = OnTimeBehavior.FireAlways, ["fire_if_nonempty"] = OnTimeBehavior.FireIfNonEmpty,
    };

    public static WindowingStrategySpec Strategy(YamlSource s, string id, YamlNode node)
    {
        var map = YamlMap.Open(s, node, "windowing_strategy", id);
        var lateness = map.OptLong("allowed_lateness_ms") ?? 0;
        if (lateness < 0)
        {
            throw map.Error("allowed_lateness_ms", "must be ≥ 0");
        }

        return new WindowingStrategySpec(
            id,
            WindowFn(s, map.Required("window_fn")),
            map.Get("trigger") is { } t ? Trigger(s, t, "trigger") : TriggerSpec.DefaultTrigger,
            map.Enum("accumulation_mode", AccumulationMode.Discarding, Modes),
            lateness,
            map.Enum("timestamp_combiner", TimestampCombinerKind.EndOfWindow, Combiners),
            map.Enum("closing_behavior", ClosingBehavior.EmitIfNonEmpty, Closing),
            map.Enum("on_time_behavior", OnTimeBehavior.FireAlways, OnTime));
    }

    private static WindowFnSpec WindowFn(YamlSource s, YamlNode node)
    {
        var (variant, arg, _) = s.Union(node, "window_fn", "window_fn", BareWindowFns);
        if (variant == "global")
        {
            s.Empty(arg, variant);
            return new WindowFnSpec.Global();
        }

        var map = YamlMap.Open(s, arg, variant, variant);
        long Positive(string key)
        {
            var v = map.Long(key);
            return v > 0 ? v : throw map.Error(key, "must be > 0");
        }

        switch (variant)
        {
            case "fixed":
                var size = Positive("size_ms");
                var offset = map.OptLong("offset_ms") ?? 0;
                return offset >= 0 && offset < size ? new WindowFnSpec.Fixed(size, offset) : throw map.Error("offset_ms", "must be in [0, size_ms)");
            case "sliding":
                var sSize = Positive("size_ms");
                var period = Positive("period_ms");
                var sOffset = map.OptLong("offset_ms") ?? 0;
                return sOffset >= 0 && sOffset < period ? new WindowFnSpec.Sliding(sSize, period, sOffset) : throw map.Error("offset_ms", "must be in [0, period_ms)");
            default:
                return new WindowFnSpec.Sessions(Positive("gap_ms"));
        }
    }

    public static TriggerSpec Trigger(YamlSource s, YamlNode node, string key)
    {
        var (variant, arg, _) = s.Union(node, "trigger", key, BareTriggers);
        List<TriggerSpec> Subtriggers() => [.. s.Sequence(arg, variant).Select(n => Trigger(s, n, variant))];
        switch (variant)
        {
            case "default": s.Empty(arg, variant); return TriggerSpec.DefaultTrigger;
            case "never": s.Empty(arg, variant); return new TriggerSpec.Never();
            case "always": s.Empty(arg, variant); return new TriggerSpec.Always();
            case "after_synchronized_processing_time": s.Empty(arg, variant); return new TriggerSpec.AfterSynchronizedProcessingTime();
            case "element_count":
                var n = s.Long(arg, variant);
                return n is >= 1 and <= int.MaxValue ? new TriggerSpec.ElementCount((int)n) : throw s.Error(arg, variant, "must be ≥ 1");
            case "after_watermark":
                var aw = YamlMap.Open(s, arg, "after_watermark", variant);
                return new TriggerSpec.AfterWatermark(
                    aw.Get("early") is { } e ? Trigger(s, e, "early") : null,
                    aw.Get("late") is { } l ? Trigger(s, l, "late") : null);
            case "after_processing_time":
                var apt = YamlMap.Open(s, arg, "after_processing_time", variant);
                return new TriggerSpec.AfterProcessingTime([.. apt.List("transforms").Select(t => TimeTransform(s, t))]);
            case "after_all": return new TriggerSpec.AfterAll(Subtriggers());
            case "after_any": return new TriggerSpec.AfterAny(Subtriggers());
            case "after_each": return new TriggerSpec.AfterEach(Subtriggers());
            case "repeatedly": return new TriggerSpec.Repeatedly(Trigger(s, arg, variant));
            default:
                var of = YamlMap.Open(s, arg, "or_finally", variant);
                return new TriggerSpec.OrFinally(Trigger(s, of.Required("main"), "main"), Trigger(s, of.Required("finally"), "finally"));
        }
    }

    private static TimestampTransformSpec TimeTransform(YamlSource s, YamlNode node)
    {
        var (variant, arg, _) = s.Union(node, "time_transform", "transforms");
        if (variant == "delay_ms")
        {
            return new TimestampTransformSpec(s.Long(arg, variant), null, 0);
        }

        var align = YamlMap.Open(s, arg, "align_to", variant);
        return new TimestampTransformSpec(null, align.Long("period_ms"), align.OptLong("offset_ms") ?? 0);
    }
}
