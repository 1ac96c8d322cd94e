using System.Globalization;
using BeamConformance.Model.Windowing;
using BeamConformance.Protos.Adapters;
using Proto = Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Translation;

/// <summary>
/// Maps a pipeline's <c>WindowingStrategy</c> (<c>beam_runner_api.proto</c>, window fns of
/// <c>standard_window_fns.proto</c>) to the engine's <see cref="Engine.WindowingStrategy"/> used by a GroupByKey,
/// reading it through <see cref="WindowingProtoAdapter"/>.
/// </summary>
/// <remarks>
/// Supported: window fns <c>beam:window_fn:global_windows:v1</c>, <c>fixed_windows</c>, <c>sliding_windows</c>
/// (non-merging) and <c>session_windows</c> (merged by <see cref="Engine.SessionsMergeFn"/> unless the strategy
/// says ALREADY_MERGED, i.e. the windows come out of an earlier GroupByKey); every trigger of the proto's
/// <c>Trigger</c>; DISCARDING or ACCUMULATING. Unset enums take the model's defaults: END_OF_WINDOW, DISCARDING,
/// EMIT_IF_NONEMPTY (Java's <c>ClosingBehavior.FIRE_IF_NON_EMPTY</c>), FIRE_ALWAYS. Refused, all together:
/// RETRACTING, negative allowed lateness, an unknown window fn, and whatever the adapter cannot read (an unknown
/// trigger kind or enum value, a composite trigger without subtriggers, a window fn payload that does not parse or
/// has a size, period or gap not above 0), each problem naming the proto field at fault.
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

        var model = strategy.ToModel();
        var merges = model.WindowFn.IsMerging && model.MergeStatus != MergeStatus.AlreadyMerged;
        return Engine.WindowingStrategy.From(model, merges ? Engine.SessionsMergeFn.Instance : null);
    }

    /// <summary>Every reason <paramref name="strategy"/> cannot be translated (empty when it can).</summary>
    /// <param name="strategyId">The strategy's id, used as <see cref="ValidationProblem.Id"/>.</param>
    /// <param name="strategy">The proto strategy.</param>
    public static IReadOnlyList<ValidationProblem> Check(string strategyId, Proto.WindowingStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        var problems = new List<ValidationProblem>();
        var urn = strategy.WindowFn?.Urn ?? "";
        if (urn is not (Model.Urns.WindowFns.GlobalWindows or Model.Urns.WindowFns.FixedWindows or Model.Urns.WindowFns.SlidingWindows or Model.Urns.WindowFns.SessionWindows))
        {
            problems.Add(new(strategyId, "window fn", urn, "unsupported window fn (supported: global, fixed, sliding and session windows)"));
        }

        try
        {
            _ = strategy.ToModel();
        }
        catch (WindowingProtoException e)
        {
            problems.AddRange(e.Problems
                .Where(p => !(p.Field == "window_fn" && problems.Count > 0))
                .Select(p => new ValidationProblem(strategyId, FeatureOf(p.Field), p.Field, p.Message)));
        }

        if (strategy.AccumulationMode == Proto.AccumulationMode.Types.Enum.Retracting)
        {
            problems.Add(new(strategyId, "accumulation mode", "RETRACTING", "retracting panes are not supported (no Beam runner or SDK implements them)"));
        }

        if (strategy.AllowedLateness < 0)
        {
            problems.Add(new(strategyId, "allowed lateness", strategy.AllowedLateness.ToString(CultureInfo.InvariantCulture), "allowed lateness must be at least 0 ms"));
        }

        return problems;
    }

    private static string FeatureOf(string field) => field switch
    {
        _ when field.StartsWith("trigger", StringComparison.Ordinal) => "trigger",
        _ when field.StartsWith("window_fn", StringComparison.Ordinal) => "window fn",
        "output_time" => "output time",
        "accumulation_mode" => "accumulation mode",
        "closing_behavior" => "closing behavior",
        "on_time_behavior" => "on time behavior",
        "merge_status" => "merge status",
        _ => field,
    };
}
