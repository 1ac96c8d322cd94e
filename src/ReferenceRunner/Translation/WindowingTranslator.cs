using BeamConformance.ReferenceRunner.Translation.Internal;
using Proto = Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Translation;

/// <summary>
/// Maps a pipeline's <c>WindowingStrategy</c> (<c>beam_runner_api.proto</c>, window fns of
/// <c>standard_window_fns.proto</c>) to the engine's <see cref="Engine.WindowingStrategy"/> used by a GroupByKey.
/// </summary>
/// <remarks>
/// Supported: window fns <c>beam:window_fn:global_windows:v1</c>, <c>fixed_windows</c>, <c>sliding_windows</c>
/// (non-merging) and <c>session_windows</c> (merged by <see cref="Engine.SessionsMergeFn"/> unless the strategy
/// says ALREADY_MERGED, i.e. the windows come out of an earlier GroupByKey); the default trigger only; DISCARDING
/// or ACCUMULATING. Unset enums take the model's defaults: END_OF_WINDOW, DISCARDING, EMIT_IF_NONEMPTY (Java's
/// <c>ClosingBehavior.FIRE_IF_NON_EMPTY</c>), FIRE_ALWAYS.
/// </remarks>
public static class WindowingTranslator
{
    /// <summary>Translates <paramref name="strategy"/>.</summary>
    /// <param name="strategyId">The strategy's id in the pipeline (named in errors).</param>
    /// <param name="strategy">The proto strategy.</param>
    /// <exception cref="PipelineTranslationException">The strategy uses something unsupported (every problem listed).</exception>
    public static Engine.WindowingStrategy Translate(string strategyId, Proto.WindowingStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        var problems = Check(strategyId, strategy);
        if (problems.Count > 0)
        {
            throw new PipelineTranslationException(problems);
        }

        var sessions = strategy.WindowFn.Urn == TransformUrns.SessionWindows
            && strategy.MergeStatus != Proto.MergeStatus.Types.Enum.AlreadyMerged;
        return new Engine.WindowingStrategy
        {
            MergeFn = sessions ? Engine.SessionsMergeFn.Instance : null,
            AllowedLatenessMillis = strategy.AllowedLateness,
            TimestampCombiner = strategy.OutputTime switch
            {
                Proto.OutputTime.Types.Enum.LatestInPane => Model.Windowing.TimestampCombiner.Latest,
                Proto.OutputTime.Types.Enum.EarliestInPane => Model.Windowing.TimestampCombiner.Earliest,
                _ => Model.Windowing.TimestampCombiner.EndOfWindow,
            },
            AccumulationMode = strategy.AccumulationMode == Proto.AccumulationMode.Types.Enum.Accumulating
                ? Model.Windowing.AccumulationMode.Accumulating
                : Model.Windowing.AccumulationMode.Discarding,
            ClosingBehavior = strategy.ClosingBehavior == Proto.ClosingBehavior.Types.Enum.EmitAlways
                ? Model.Windowing.ClosingBehavior.FireAlways
                : Model.Windowing.ClosingBehavior.FireIfNonEmpty,
            OnTimeBehavior = strategy.OnTimeBehavior == Proto.OnTimeBehavior.Types.Enum.FireIfNonempty
                ? Model.Windowing.OnTimeBehavior.FireIfNonEmpty
                : Model.Windowing.OnTimeBehavior.FireAlways,
            Trigger = Model.Windowing.Trigger.DefaultTrigger,
        };
    }

    /// <summary>Every reason <paramref name="strategy"/> cannot be translated (empty when it can).</summary>
    /// <param name="strategyId">The strategy's id, used as <see cref="ValidationProblem.Id"/>.</param>
    /// <param name="strategy">The proto strategy.</param>
    public static IReadOnlyList<ValidationProblem> Check(string strategyId, Proto.WindowingStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        var problems = new List<ValidationProblem>();
        var urn = strategy.WindowFn?.Urn ?? "";
        if (urn is not (TransformUrns.GlobalWindows or TransformUrns.FixedWindows or TransformUrns.SlidingWindows or TransformUrns.SessionWindows))
        {
            problems.Add(new(strategyId, "window fn", urn, "unsupported window fn (supported: global, fixed, sliding and session windows)"));
        }

        if (strategy.Trigger is { } trigger && trigger.TriggerCase is not (Proto.Trigger.TriggerOneofCase.Default or Proto.Trigger.TriggerOneofCase.None))
        {
            problems.Add(new(strategyId, "trigger", trigger.TriggerCase.ToString(), "only the default trigger is supported"));
        }

        if (strategy.AccumulationMode == Proto.AccumulationMode.Types.Enum.Retracting)
        {
            problems.Add(new(strategyId, "accumulation mode", "RETRACTING", "retracting panes are not supported"));
        }

        if (strategy.AllowedLateness < 0)
        {
            problems.Add(new(strategyId, "allowed lateness", strategy.AllowedLateness.ToString(System.Globalization.CultureInfo.InvariantCulture), "allowed lateness must be at least 0 ms"));
        }

        if (!Enum.IsDefined(strategy.OutputTime))
        {
            problems.Add(new(strategyId, "output time", ((int)strategy.OutputTime).ToString(System.Globalization.CultureInfo.InvariantCulture), "unknown OutputTime value"));
        }

        return problems;
    }
}
