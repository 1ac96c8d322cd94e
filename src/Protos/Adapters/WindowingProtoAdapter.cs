using BeamConformance.Model;
using BeamConformance.Model.Windowing;
using Google.Protobuf;
using Proto = Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.Protos.Adapters;

/// <summary>
/// Bridges <c>beam_runner_api.proto</c> <c>WindowingStrategy</c> (with its <c>Trigger</c> tree and the window fn
/// payloads of <c>standard_window_fns.proto</c>) and the proto-free windowing model, both ways.
/// </summary>
/// <remarks>
/// Reading: UNSPECIFIED enum values take the model's defaults (DISCARDING, END_OF_WINDOW, EMIT_IF_NONEMPTY,
/// FIRE_ALWAYS; merge status from the window fn: sessions NEEDS_MERGE, else NON_MERGING); an absent or empty
/// top-level trigger is <see cref="Trigger.Default"/>; an unknown window fn URN becomes <see cref="WindowFn.Custom"/>.
/// Durations and timestamps are read in whole ms (sub-ms nanos are dropped). Writing always sets every enum
/// explicitly.
/// </remarks>
public static partial class WindowingProtoAdapter
{
    /// <summary>The model of a <c>WindowingStrategy</c> message.</summary>
    /// <exception cref="WindowingProtoException">Every field that cannot be read: unknown enum values, unknown or missing trigger kinds, bad window fn payloads.</exception>
    public static WindowingStrategy ToModel(this Proto.WindowingStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        var problems = new List<WindowingProtoProblem>();
        var windowFn = ReadWindowFn(strategy.WindowFn, "window_fn", problems);
        var trigger = strategy.Trigger is null || (strategy.Trigger.TriggerCase == Proto.Trigger.TriggerOneofCase.None && strategy.Trigger.CalculateSize() == 0)
            ? Trigger.DefaultTrigger
            : ReadTrigger(strategy.Trigger, "trigger", problems);
        var model = new WindowingStrategy
        {
            WindowFn = windowFn ?? WindowFn.Global.Instance,
            MergeStatus = strategy.MergeStatus switch
            {
                Proto.MergeStatus.Types.Enum.Unspecified => windowFn?.IsMerging == true ? MergeStatus.NeedsMerge : MergeStatus.NonMerging,
                Proto.MergeStatus.Types.Enum.NonMerging => MergeStatus.NonMerging,
                Proto.MergeStatus.Types.Enum.NeedsMerge => MergeStatus.NeedsMerge,
                Proto.MergeStatus.Types.Enum.AlreadyMerged => MergeStatus.AlreadyMerged,
                var other => Unknown(MergeStatus.NonMerging, "merge_status", (int)other, problems),
            },
            Trigger = trigger ?? Trigger.DefaultTrigger,
            AccumulationMode = strategy.AccumulationMode switch
            {
                Proto.AccumulationMode.Types.Enum.Unspecified or Proto.AccumulationMode.Types.Enum.Discarding => AccumulationMode.Discarding,
                Proto.AccumulationMode.Types.Enum.Accumulating => AccumulationMode.Accumulating,
                Proto.AccumulationMode.Types.Enum.Retracting => AccumulationMode.Retracting,
                var other => Unknown(AccumulationMode.Discarding, "accumulation_mode", (int)other, problems),
            },
            TimestampCombiner = strategy.OutputTime switch
            {
                Proto.OutputTime.Types.Enum.Unspecified or Proto.OutputTime.Types.Enum.EndOfWindow => TimestampCombiner.EndOfWindow,
                Proto.OutputTime.Types.Enum.LatestInPane => TimestampCombiner.Latest,
                Proto.OutputTime.Types.Enum.EarliestInPane => TimestampCombiner.Earliest,
                var other => Unknown(TimestampCombiner.EndOfWindow, "output_time", (int)other, problems),
            },
            ClosingBehavior = strategy.ClosingBehavior switch
            {
                Proto.ClosingBehavior.Types.Enum.Unspecified or Proto.ClosingBehavior.Types.Enum.EmitIfNonempty => ClosingBehavior.FireIfNonEmpty,
                Proto.ClosingBehavior.Types.Enum.EmitAlways => ClosingBehavior.FireAlways,
                var other => Unknown(ClosingBehavior.FireIfNonEmpty, "closing_behavior", (int)other, problems),
            },
            OnTimeBehavior = strategy.OnTimeBehavior switch
            {
                Proto.OnTimeBehavior.Types.Enum.Unspecified or Proto.OnTimeBehavior.Types.Enum.FireAlways => OnTimeBehavior.FireAlways,
                Proto.OnTimeBehavior.Types.Enum.FireIfNonempty => OnTimeBehavior.FireIfNonEmpty,
                var other => Unknown(OnTimeBehavior.FireAlways, "on_time_behavior", (int)other, problems),
            },
            AllowedLatenessMillis = strategy.AllowedLateness,
            AssignsToOneWindow = strategy.AssignsToOneWindow,
            WindowCoderId = strategy.WindowCoderId,
            EnvironmentId = strategy.EnvironmentId,
        };
        return problems.Count == 0 ? model : throw new WindowingProtoException(problems);
    }

    /// <summary>The <c>WindowingStrategy</c> message of a model strategy, every enum set explicitly.</summary>
    public static Proto.WindowingStrategy ToProto(this WindowingStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return new Proto.WindowingStrategy
        {
            WindowFn = strategy.WindowFn.ToProto(),
            MergeStatus = strategy.MergeStatus switch
            {
                MergeStatus.NeedsMerge => Proto.MergeStatus.Types.Enum.NeedsMerge,
                MergeStatus.AlreadyMerged => Proto.MergeStatus.Types.Enum.AlreadyMerged,
                _ => Proto.MergeStatus.Types.Enum.NonMerging,
            },
            WindowCoderId = strategy.WindowCoderId,
            Trigger = strategy.Trigger.ToProto(),
            AccumulationMode = strategy.AccumulationMode switch
            {
                AccumulationMode.Accumulating => Proto.AccumulationMode.Types.Enum.Accumulating,
                AccumulationMode.Retracting => Proto.AccumulationMode.Types.Enum.Retracting,
                _ => Proto.AccumulationMode.Types.Enum.Discarding,
            },
            OutputTime = strategy.TimestampCombiner switch
            {
                TimestampCombiner.Latest => Proto.OutputTime.Types.Enum.LatestInPane,
                TimestampCombiner.Earliest => Proto.OutputTime.Types.Enum.EarliestInPane,
                _ => Proto.OutputTime.Types.Enum.EndOfWindow,
            },
            ClosingBehavior = strategy.ClosingBehavior == ClosingBehavior.FireAlways ? Proto.ClosingBehavior.Types.Enum.EmitAlways : Proto.ClosingBehavior.Types.Enum.EmitIfNonempty,
            OnTimeBehavior = strategy.OnTimeBehavior == OnTimeBehavior.FireIfNonEmpty ? Proto.OnTimeBehavior.Types.Enum.FireIfNonempty : Proto.OnTimeBehavior.Types.Enum.FireAlways,
            AllowedLateness = strategy.AllowedLatenessMillis,
            AssignsToOneWindow = strategy.AssignsToOneWindow,
            EnvironmentId = strategy.EnvironmentId,
        };
    }

    /// <summary>The model of a window fn <c>FunctionSpec</c> (standard URNs parsed, any other kept as <see cref="WindowFn.Custom"/>).</summary>
    /// <exception cref="WindowingProtoException">No URN, a payload that does not parse, or a size, period or gap not above 0.</exception>
    public static WindowFn ToModelWindowFn(this Proto.FunctionSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var problems = new List<WindowingProtoProblem>();
        var fn = ReadWindowFn(spec, "window_fn", problems);
        return fn is not null && problems.Count == 0 ? fn : throw new WindowingProtoException(problems);
    }

    /// <summary>The <c>FunctionSpec</c> of a window fn (payloads of <c>standard_window_fns.proto</c>).</summary>
    public static Proto.FunctionSpec ToProto(this WindowFn windowFn)
    {
        ArgumentNullException.ThrowIfNull(windowFn);
        var payload = windowFn switch
        {
            WindowFn.Fixed f => new Proto.FixedWindowsPayload { Size = Duration(f.SizeMillis), Offset = Instant(f.OffsetMillis) }.ToByteString(),
            WindowFn.Sliding s => new Proto.SlidingWindowsPayload { Size = Duration(s.SizeMillis), Period = Duration(s.PeriodMillis), Offset = Instant(s.OffsetMillis) }.ToByteString(),
            WindowFn.Sessions g => new Proto.SessionWindowsPayload { GapSize = Duration(g.GapMillis) }.ToByteString(),
            WindowFn.Custom c => ByteString.CopyFrom(c.Payload.Span),
            _ => ByteString.Empty,
        };
        return new Proto.FunctionSpec { Urn = windowFn.Urn, Payload = payload };
    }

    private static WindowFn? ReadWindowFn(Proto.FunctionSpec? spec, string field, List<WindowingProtoProblem> problems)
    {
        if (spec is null || string.IsNullOrEmpty(spec.Urn))
        {
            problems.Add(new(field, "no window fn URN"));
            return null;
        }

        try
        {
            switch (spec.Urn)
            {
                case Urns.WindowFns.GlobalWindows:
                    return WindowFn.Global.Instance;
                case Urns.WindowFns.FixedWindows:
                    {
                        var p = Proto.FixedWindowsPayload.Parser.ParseFrom(spec.Payload);
                        return Positive(Millis(p.Size), field + ".payload.size", problems) is { } size ? new WindowFn.Fixed(size, Millis(p.Offset)) : null;
                    }

                case Urns.WindowFns.SlidingWindows:
                    {
                        var p = Proto.SlidingWindowsPayload.Parser.ParseFrom(spec.Payload);
                        var size = Positive(Millis(p.Size), field + ".payload.size", problems);
                        var period = Positive(Millis(p.Period), field + ".payload.period", problems);
                        return size is { } s && period is { } t ? new WindowFn.Sliding(s, t, Millis(p.Offset)) : null;
                    }

                case Urns.WindowFns.SessionWindows:
                    {
                        var p = Proto.SessionWindowsPayload.Parser.ParseFrom(spec.Payload);
                        return Positive(Millis(p.GapSize), field + ".payload.gap_size", problems) is { } gap ? new WindowFn.Sessions(gap) : null;
                    }

                default:
                    return new WindowFn.Custom(spec.Urn, spec.Payload.Memory);
            }
        }
        catch (InvalidProtocolBufferException e)
        {
            problems.Add(new(field + ".payload", $"not a valid payload for '{spec.Urn}': {e.Message}"));
            return null;
        }
    }

    private static long? Positive(long millis, string field, List<WindowingProtoProblem> problems)
    {
        if (millis > 0)
        {
            return millis;
        }

        problems.Add(new(field, $"must be above 0 ms, got {millis} ms"));
        return null;
    }

    private static T Unknown<T>(T fallback, string field, int value, List<WindowingProtoProblem> problems)
    {
        problems.Add(new(field, $"unknown enum value {value}"));
        return fallback;
    }

    private static long Millis(Google.Protobuf.WellKnownTypes.Duration? d) => d is null ? 0 : (d.Seconds * 1000) + (d.Nanos / 1_000_000);

    private static long Millis(Google.Protobuf.WellKnownTypes.Timestamp? t) => t is null ? 0 : (t.Seconds * 1000) + (t.Nanos / 1_000_000);

    private static Google.Protobuf.WellKnownTypes.Duration Duration(long ms) => new() { Seconds = ms / 1000, Nanos = (int)(ms % 1000) * 1_000_000 };

    private static Google.Protobuf.WellKnownTypes.Timestamp Instant(long ms)
    {
        var seconds = Math.DivRem(ms, 1000, out var rem);
        if (rem < 0)
        {
            seconds--;
            rem += 1000;
        }

        return new() { Seconds = seconds, Nanos = (int)rem * 1_000_000 };
    }
}
