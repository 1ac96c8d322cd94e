using BeamConformance.Model.Windowing;
using YamlDotNet.RepresentationModel;

namespace BeamConformance.Conformance.Scenarios.Internal;

/// <summary>
/// Reads windowing strategies, window fns and trigger trees into the model's windowing types
/// (<c>BeamConformance.Model.Windowing</c>); the YAML names are the scenario format's (testdata/README.md).
/// </summary>
internal static class WindowingReader
{
    private static readonly HashSet<string> BareWindowFns = new(["global"], StringComparer.Ordinal);
    private static readonly HashSet<string> BareTriggers = new(["default", "never", "always", "after_synchronized_processing_time"], StringComparer.Ordinal);

    private static readonly Dictionary<string, AccumulationMode> Modes = new(StringComparer.Ordinal)
    {
        ["discarding"] = AccumulationMode.Discarding, ["accumulating"] = AccumulationMode.Accumulating, ["retracting"] = AccumulationMode.Retracting,
    };

    private static readonly Dictionary<string, TimestampCombiner> Combiners = new(StringComparer.Ordinal)
    {
        ["earliest"] = TimestampCombiner.Earliest, ["latest"] = TimestampCombiner.Latest, ["end_of_window"] = TimestampCombiner.EndOfWindow,
    };

    private static readonly Dictionary<string, ClosingBehavior> Closing = new(StringComparer.Ordinal)
    {
        ["emit_if_nonempty"] = ClosingBehavior.FireIfNonEmpty, ["emit_always"] = ClosingBehavior.FireAlways,
    };

    private static readonly Dictionary<string, OnTimeBehavior> OnTime = new(StringComparer.Ordinal)
    {
        ["fire_always"] = OnTimeBehavior.FireAlways, ["fire_if_nonempty"] = OnTimeBehavior.FireIfNonEmpty,
    };

    /// <summary>
    /// A strategy with Beam's defaults for what the file leaves out; <c>WindowCoderId</c> and <c>EnvironmentId</c> stay
    /// empty (the pipeline builder sets them), <c>AssignsToOneWindow</c> is true for global and fixed windows.
    /// </summary>
    public static WindowingStrategy Strategy(YamlSource s, string id, YamlNode node, bool negativeLatenessAllowed)
    {
        var map = YamlMap.Open(s, node, "windowing_strategy", id);
        var lateness = map.OptLong("allowed_lateness_ms") ?? 0;
        if (lateness < 0 && !negativeLatenessAllowed)
        {
            throw map.Error("allowed_lateness_ms", "must be ≥ 0 (a negative one only in a scenario that expects a failure at prepare)");
        }

        var windowFn = WindowFn(s, map.Required("window_fn"));
        return new WindowingStrategy
        {
            WindowFn = windowFn,
            MergeStatus = windowFn.IsMerging ? MergeStatus.NeedsMerge : MergeStatus.NonMerging,
            AssignsToOneWindow = windowFn is Model.Windowing.WindowFn.Global or Model.Windowing.WindowFn.Fixed,
            Trigger = map.Get("trigger") is { } t ? Trigger(s, t, "trigger") : Model.Windowing.Trigger.DefaultTrigger,
            AccumulationMode = map.Enum("accumulation_mode", AccumulationMode.Discarding, Modes),
            AllowedLatenessMillis = lateness,
            TimestampCombiner = map.Enum("timestamp_combiner", TimestampCombiner.EndOfWindow, Combiners),
            ClosingBehavior = map.Enum("closing_behavior", ClosingBehavior.FireIfNonEmpty, Closing),
            OnTimeBehavior = map.Enum("on_time_behavior", OnTimeBehavior.FireAlways, OnTime),
        };
    }

    private static WindowFn WindowFn(YamlSource s, YamlNode node)
    {
        var (variant, arg, _) = s.Union(node, "window_fn", "window_fn", BareWindowFns);
        if (variant == "global")
        {
            s.Empty(arg, variant);
            return Model.Windowing.WindowFn.Global.Instance;
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
                return offset >= 0 && offset < size ? new Model.Windowing.WindowFn.Fixed(size, offset) : throw map.Error("offset_ms", "must be in [0, size_ms)");
            case "sliding":
                var sSize = Positive("size_ms");
                var period = Positive("period_ms");
                var sOffset = map.OptLong("offset_ms") ?? 0;
                return sOffset >= 0 && sOffset < period ? new Model.Windowing.WindowFn.Sliding(sSize, period, sOffset) : throw map.Error("offset_ms", "must be in [0, period_ms)");
            default:
                return new Model.Windowing.WindowFn.Sessions(Positive("gap_ms"));
        }
    }

    public static Trigger Trigger(YamlSource s, YamlNode node, string key)
    {
        var (variant, arg, _) = s.Union(node, "trigger", key, BareTriggers);
        List<Trigger> Subtriggers() => [.. s.Sequence(arg, variant).Select(n => Trigger(s, n, variant))];
        switch (variant)
        {
            case "default": s.Empty(arg, variant); return Model.Windowing.Trigger.DefaultTrigger;
            case "never": s.Empty(arg, variant); return new Trigger.Never();
            case "always": s.Empty(arg, variant); return new Trigger.Always();
            case "after_synchronized_processing_time": s.Empty(arg, variant); return new Trigger.AfterSynchronizedProcessingTime();
            case "element_count":
                var n = s.Long(arg, variant);
                return n is >= 1 and <= int.MaxValue ? new Trigger.ElementCount((int)n) : throw s.Error(arg, variant, "must be ≥ 1");
            case "after_watermark":
                var aw = YamlMap.Open(s, arg, "after_watermark", variant);
                return new Trigger.AfterWatermark(
                    aw.Get("early") is { } e ? Trigger(s, e, "early") : null,
                    aw.Get("late") is { } l ? Trigger(s, l, "late") : null);
            case "after_processing_time":
                var apt = YamlMap.Open(s, arg, "after_processing_time", variant);
                return new Trigger.AfterProcessingTime([.. apt.List("transforms").Select(t => TimeTransform(s, t))]);
            case "after_all": return new Trigger.AfterAll(Subtriggers());
            case "after_any": return new Trigger.AfterAny(Subtriggers());
            case "after_each": return new Trigger.AfterEach(Subtriggers());
            case "repeatedly": return new Trigger.Repeatedly(Trigger(s, arg, variant));
            default:
                var of = YamlMap.Open(s, arg, "or_finally", variant);
                return new Trigger.OrFinally(Trigger(s, of.Required("main"), "main"), Trigger(s, of.Required("finally"), "finally"));
        }
    }

    private static TimestampTransform TimeTransform(YamlSource s, YamlNode node)
    {
        var (variant, arg, _) = s.Union(node, "time_transform", "transforms");
        if (variant == "delay_ms")
        {
            var delay = s.Long(arg, variant);
            return delay >= 0 ? new TimestampTransform.Delay(delay) : throw s.Error(arg, variant, "must be ≥ 0");
        }

        var align = YamlMap.Open(s, arg, "align_to", variant);
        var period = align.Long("period_ms");
        return period > 0 ? new TimestampTransform.AlignTo(period, align.OptLong("offset_ms") ?? 0) : throw align.Error("period_ms", "must be > 0");
    }
}
