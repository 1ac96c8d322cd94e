using BeamConformance.Conformance.Scenarios;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Org.Apache.Beam.Model.Pipeline.V1;
using AccumulationMode = BeamConformance.Conformance.Scenarios.AccumulationMode;
using ClosingBehavior = BeamConformance.Conformance.Scenarios.ClosingBehavior;
using OnTimeBehavior = BeamConformance.Conformance.Scenarios.OnTimeBehavior;
using ProtoAccumulation = Org.Apache.Beam.Model.Pipeline.V1.AccumulationMode.Types.Enum;
using ProtoClosing = Org.Apache.Beam.Model.Pipeline.V1.ClosingBehavior.Types.Enum;
using ProtoOnTime = Org.Apache.Beam.Model.Pipeline.V1.OnTimeBehavior.Types.Enum;

namespace BeamConformance.Conformance.Running.Internal;

/// <summary>
/// Scenario windowing strategies → beam_runner_api.proto <c>WindowingStrategy</c> (window fn payloads from
/// standard_window_fns.proto, durations in ms converted to protobuf Duration/Timestamp) and <c>Trigger</c> trees.
/// </summary>
internal static class WindowingProtos
{
    public static WindowingStrategy Strategy(WindowingStrategySpec spec, CoderTable coders, string environmentId) => new()
    {
        WindowFn = WindowFn(spec.WindowFn),
        MergeStatus = spec.WindowFn is WindowFnSpec.Sessions ? MergeStatus.Types.Enum.NeedsMerge : MergeStatus.Types.Enum.NonMerging,
        WindowCoderId = spec.WindowFn is WindowFnSpec.Global ? coders.GlobalWindow : coders.IntervalWindow,
        Trigger = Trigger(spec.Trigger),
        AccumulationMode = spec.AccumulationMode switch
        {
            AccumulationMode.Discarding => ProtoAccumulation.Discarding,
            AccumulationMode.Accumulating => ProtoAccumulation.Accumulating,
            _ => ProtoAccumulation.Retracting,
        },
        OutputTime = spec.TimestampCombiner switch
        {
            TimestampCombinerKind.Earliest => OutputTime.Types.Enum.EarliestInPane,
            TimestampCombinerKind.Latest => OutputTime.Types.Enum.LatestInPane,
            _ => OutputTime.Types.Enum.EndOfWindow,
        },
        ClosingBehavior = spec.ClosingBehavior == ClosingBehavior.EmitAlways ? ProtoClosing.EmitAlways : ProtoClosing.EmitIfNonempty,
        OnTimeBehavior = spec.OnTimeBehavior == OnTimeBehavior.FireIfNonEmpty ? ProtoOnTime.FireIfNonempty : ProtoOnTime.FireAlways,
        AllowedLateness = spec.AllowedLatenessMillis,
        EnvironmentId = environmentId,
        AssignsToOneWindow = spec.WindowFn is WindowFnSpec.Global or WindowFnSpec.Fixed,
    };

    public static FunctionSpec WindowFn(WindowFnSpec fn) => fn switch
    {
        WindowFnSpec.Fixed f => new FunctionSpec
        {
            Urn = fn.Urn,
            Payload = new FixedWindowsPayload { Size = Millis(f.SizeMillis), Offset = Instant(f.OffsetMillis) }.ToByteString(),
        },
        WindowFnSpec.Sliding s => new FunctionSpec
        {
            Urn = fn.Urn,
            Payload = new SlidingWindowsPayload { Size = Millis(s.SizeMillis), Period = Millis(s.PeriodMillis), Offset = Instant(s.OffsetMillis) }.ToByteString(),
        },
        WindowFnSpec.Sessions g => new FunctionSpec
        {
            Urn = fn.Urn,
            Payload = new SessionWindowsPayload { GapSize = Millis(g.GapMillis) }.ToByteString(),
        },
        _ => new FunctionSpec { Urn = fn.Urn },
    };

    public static Trigger Trigger(TriggerSpec trigger)
    {
        var t = new Trigger();
        switch (trigger)
        {
            case TriggerSpec.Default: t.Default = new(); break;
            case TriggerSpec.Never: t.Never = new(); break;
            case TriggerSpec.Always: t.Always = new(); break;
            case TriggerSpec.AfterSynchronizedProcessingTime: t.AfterSynchronizedProcessingTime = new(); break;
            case TriggerSpec.ElementCount c: t.ElementCount = new() { ElementCount_ = c.Count }; break;
            case TriggerSpec.AfterWatermark a:
                t.AfterEndOfWindow = new()
                {
                    EarlyFirings = a.Early is null ? null : Trigger(a.Early),
                    LateFirings = a.Late is null ? null : Trigger(a.Late),
                };
                break;
            case TriggerSpec.AfterProcessingTime p:
                t.AfterProcessingTime = new();
                foreach (var step in p.Transforms)
                {
                    t.AfterProcessingTime.TimestampTransforms.Add(step.DelayMillis is { } delay
                        ? new TimestampTransform { Delay = new() { DelayMillis = delay } }
                        : new TimestampTransform { AlignTo = new() { Period = step.AlignPeriodMillis ?? 0, Offset = step.AlignOffsetMillis } });
                }

                break;
            case TriggerSpec.AfterAll all: t.AfterAll = new(); t.AfterAll.Subtriggers.Add(all.Subtriggers.Select(Trigger)); break;
            case TriggerSpec.AfterAny any: t.AfterAny = new(); t.AfterAny.Subtriggers.Add(any.Subtriggers.Select(Trigger)); break;
            case TriggerSpec.AfterEach each: t.AfterEach = new(); t.AfterEach.Subtriggers.Add(each.Subtriggers.Select(Trigger)); break;
            case TriggerSpec.Repeatedly r: t.Repeat = new() { Subtrigger = Trigger(r.Subtrigger) }; break;
            case TriggerSpec.OrFinally o: t.OrFinally = new() { Main = Trigger(o.Main), Finally = Trigger(o.Finally) }; break;
            default: throw new ArgumentException($"unknown trigger {trigger}", nameof(trigger));
        }

        return t;
    }

    private static Duration Millis(long ms) => Duration.FromTimeSpan(TimeSpan.FromMilliseconds(ms));

    private static Timestamp Instant(long ms) => new() { Seconds = Math.DivRem(ms, 1000, out var rem) - (rem < 0 ? 1 : 0), Nanos = (int)(((rem % 1000) + 1000) % 1000) * 1_000_000 };
}
