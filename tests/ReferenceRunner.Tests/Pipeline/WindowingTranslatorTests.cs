using BeamConformance.ReferenceRunner.Translation;
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
            WindowFn = new FunctionSpec { Urn = windowFn },
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

    public static TheoryData<string, string> Unsupported => new()
    {
        // A window fn outside the standard four.
        { "window fn", "ws|window fn|beam:window_fn:custom:v1" },
        // A non-default trigger.
        { "trigger", "ws|trigger|AfterEndOfWindow" },
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
            case "trigger": strategy.Trigger = new Trigger { AfterEndOfWindow = new Trigger.Types.AfterEndOfWindow() }; break;
            case "retracting": strategy.AccumulationMode = AccumulationMode.Types.Enum.Retracting; break;
            case "lateness": strategy.AllowedLateness = -1; break;
        }

        var thrown = Assert.Throws<PipelineTranslationException>(() => WindowingTranslator.Translate("ws", strategy));

        Assert.Equal([expected], thrown.Problems.Select(static p => $"{p.Id}|{p.Feature}|{p.Value}"));
    }
}
