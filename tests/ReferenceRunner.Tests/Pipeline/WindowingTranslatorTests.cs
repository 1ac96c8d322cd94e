using BeamConformance.ReferenceRunner.Translation;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Tests.Translation;

public sealed class WindowingTranslatorTests
{
    public static TheoryData<string, MergeStatus.Types.Enum, OutputTime.Types.Enum, AccumulationMode.Types.Enum, ClosingBehavior.Types.Enum, OnTimeBehavior.Types.Enum, long, string> Rows => new()
    {
        // Global windows with every enum unset: the model's defaults.
        { "beam:window_fn:global_windows:v1", MergeStatus.Types.Enum.Unspecified, OutputTime.Types.Enum.Unspecified, AccumulationMode.Types.Enum.Unspecified, ClosingBehavior.Types.Enum.Unspecified, OnTimeBehavior.Types.Enum.Unspecified, 0,
            "merge=none lateness=0 EndOfWindow Discarding FireIfNonEmpty FireAlways Default" },
        // Fixed windows, EARLIEST, accumulating, emit always, fire if non-empty, 5 s lateness.
        { "beam:window_fn:fixed_windows:v1", MergeStatus.Types.Enum.NonMerging, OutputTime.Types.Enum.EarliestInPane, AccumulationMode.Types.Enum.Accumulating, ClosingBehavior.Types.Enum.EmitAlways, OnTimeBehavior.Types.Enum.FireIfNonempty, 5000,
            "merge=none lateness=5000 Earliest Accumulating FireAlways FireIfNonEmpty Default" },
        // Sliding windows, LATEST.
        { "beam:window_fn:sliding_windows:v1", MergeStatus.Types.Enum.NonMerging, OutputTime.Types.Enum.LatestInPane, AccumulationMode.Types.Enum.Discarding, ClosingBehavior.Types.Enum.EmitIfNonempty, OnTimeBehavior.Types.Enum.FireAlways, 0,
            "merge=none lateness=0 Latest Discarding FireIfNonEmpty FireAlways Default" },
        // Sessions that still need merging: the runner merges with the sessions merge fn.
        { "beam:window_fn:session_windows:v1", MergeStatus.Types.Enum.NeedsMerge, OutputTime.Types.Enum.EndOfWindow, AccumulationMode.Types.Enum.Discarding, ClosingBehavior.Types.Enum.EmitAlways, OnTimeBehavior.Types.Enum.FireAlways, 0,
            "merge=SessionsMergeFn lateness=0 EndOfWindow Discarding FireAlways FireAlways Default" },
        // Sessions already merged by an earlier GroupByKey: no merging again.
        { "beam:window_fn:session_windows:v1", MergeStatus.Types.Enum.AlreadyMerged, OutputTime.Types.Enum.EndOfWindow, AccumulationMode.Types.Enum.Discarding, ClosingBehavior.Types.Enum.EmitAlways, OnTimeBehavior.Types.Enum.FireAlways, 0,
            "merge=none lateness=0 EndOfWindow Discarding FireAlways FireAlways Default" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Translates_window_fn_lateness_and_pane_settings(string windowFn, MergeStatus.Types.Enum merge, OutputTime.Types.Enum outputTime,
        AccumulationMode.Types.Enum accumulation, ClosingBehavior.Types.Enum closing, OnTimeBehavior.Types.Enum onTime, long lateness, string expected)
    {
        var strategy = new WindowingStrategy
        {
            WindowFn = new FunctionSpec { Urn = windowFn, Payload = PayloadOf(windowFn) },
            MergeStatus = merge,
            OutputTime = outputTime,
            AccumulationMode = accumulation,
            ClosingBehavior = closing,
            OnTimeBehavior = onTime,
            AllowedLateness = lateness,
            WindowCoderId = "w",
        };

        var engine = WindowingTranslator.Translate("ws", strategy);

        Assert.Equal(expected, $"merge={engine.MergeFn?.GetType().Name ?? "none"} lateness={engine.AllowedLatenessMillis} {engine.TimestampCombiner} {engine.AccumulationMode} {engine.ClosingBehavior} {engine.OnTimeBehavior} {engine.Trigger}");
    }

    private static ByteString PayloadOf(string windowFn) => windowFn switch
    {
        "beam:window_fn:fixed_windows:v1" => new FixedWindowsPayload { Size = Duration.FromTimeSpan(TimeSpan.FromSeconds(10)) }.ToByteString(),
        "beam:window_fn:sliding_windows:v1" => new SlidingWindowsPayload { Size = Duration.FromTimeSpan(TimeSpan.FromSeconds(10)), Period = Duration.FromTimeSpan(TimeSpan.FromSeconds(5)) }.ToByteString(),
        "beam:window_fn:session_windows:v1" => new SessionWindowsPayload { GapSize = Duration.FromTimeSpan(TimeSpan.FromSeconds(10)) }.ToByteString(),
        _ => ByteString.Empty,
    };

    [Fact]
    public void Every_trigger_kind_is_translated_to_the_model_tree()
    {
        var strategy = new WindowingStrategy { WindowFn = new FunctionSpec { Urn = "beam:window_fn:global_windows:v1" }, WindowCoderId = "w" };
        strategy.Trigger = new Trigger { OrFinally = new() { Main = new Trigger { Repeat = new() { Subtrigger = new Trigger { ElementCount = new() { ElementCount_ = 2 } } } }, Finally = new Trigger { AfterEndOfWindow = new() } } };

        var engine = WindowingTranslator.Translate("ws", strategy);

        Assert.Equal("OrFinally(Repeatedly(ElementCount(2)), AfterWatermark(early=none, late=none))", engine.Trigger.ToString());
    }

    [Fact]
    public void Unknown_trigger_kind_retracting_and_bad_payload_are_listed_together_with_the_field_at_fault()
    {
        var strategy = new WindowingStrategy
        {
            WindowFn = new FunctionSpec { Urn = "beam:window_fn:fixed_windows:v1" },
            WindowCoderId = "w",
            AccumulationMode = AccumulationMode.Types.Enum.Retracting,
            Trigger = new Trigger { Repeat = new() { Subtrigger = Trigger.Parser.ParseFrom([0x9a, 0x06, 0x00]) } },
        };

        var thrown = Assert.Throws<PipelineTranslationException>(() => WindowingTranslator.Translate("ws", strategy));

        Assert.Equal(
            [
                "ws: window fn 'window_fn.payload.size': must be above 0 ms, got 0 ms",
                "ws: trigger 'trigger.repeat.subtrigger': unknown trigger kind (a field of the trigger oneof that beam_runner_api.proto does not define)",
                "ws: accumulation mode 'RETRACTING': retracting panes are not supported (no Beam runner or SDK implements them)",
            ],
            thrown.Problems.Select(static p => p.ToString()));
    }

    public static TheoryData<string, string> Unsupported => new()
    {
        // A window fn outside the standard four.
        { "window fn", "ws|window fn|beam:window_fn:custom:v1" },
        // A trigger message with no kind set.
        { "trigger", "ws|trigger|trigger.after_all.subtriggers[0]" },
        // Retracting panes.
        { "retracting", "ws|accumulation mode|RETRACTING" },
        // Negative lateness.
        { "lateness", "ws|allowed lateness|-1" },
    };

    [Theory]
    [MemberData(nameof(Unsupported))]
    public void Unsupported_settings_are_refused_with_what_and_where(string what, string expected)
    {
        var strategy = new WindowingStrategy { WindowFn = new FunctionSpec { Urn = "beam:window_fn:global_windows:v1" }, WindowCoderId = "w" };
        switch (what)
        {
            case "window fn": strategy.WindowFn.Urn = "beam:window_fn:custom:v1"; break;
            case "trigger": strategy.Trigger = new Trigger { AfterAll = new() { Subtriggers = { new Trigger() } } }; break;
            case "retracting": strategy.AccumulationMode = AccumulationMode.Types.Enum.Retracting; break;
            case "lateness": strategy.AllowedLateness = -1; break;
        }

        var thrown = Assert.Throws<PipelineTranslationException>(() => WindowingTranslator.Translate("ws", strategy));

        Assert.Equal([expected], thrown.Problems.Select(static p => $"{p.Id}|{p.Feature}|{p.Value}"));
    }
}
