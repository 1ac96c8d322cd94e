using BeamConformance.Model.Windowing;
using Proto = Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.Protos.Adapters;

/// <summary>The <c>Trigger</c> half of <see cref="WindowingProtoAdapter"/>.</summary>
public static partial class WindowingProtoAdapter
{
    /// <summary>The model of a <c>Trigger</c> message (the whole tree).</summary>
    /// <param name="trigger">The message.</param>
    /// <param name="field">The field path of <paramref name="trigger"/>, used in problems (default <c>trigger</c>).</param>
    /// <exception cref="WindowingProtoException">
    /// Every node with no known trigger kind (an empty oneof, or a kind newer than this proto), a composite without
    /// subtriggers, a <c>repeat</c> or <c>or_finally</c> missing a part, a bad timestamp transform.
    /// </exception>
    public static Trigger ToModel(this Proto.Trigger trigger, string field = "trigger")
    {
        ArgumentNullException.ThrowIfNull(trigger);
        var problems = new List<WindowingProtoProblem>();
        var model = ReadTrigger(trigger, field, problems);
        return model is not null && problems.Count == 0 ? model : throw new WindowingProtoException(problems);
    }

    /// <summary>The <c>Trigger</c> message of a model trigger tree.</summary>
    public static Proto.Trigger ToProto(this Trigger trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        var t = new Proto.Trigger();
        switch (trigger)
        {
            case Trigger.Default: t.Default = new(); break;
            case Trigger.Never: t.Never = new(); break;
            case Trigger.Always: t.Always = new(); break;
            case Trigger.AfterSynchronizedProcessingTime: t.AfterSynchronizedProcessingTime = new(); break;
            case Trigger.ElementCount c: t.ElementCount = new() { ElementCount_ = c.Count }; break;
            case Trigger.AfterWatermark a: t.AfterEndOfWindow = new() { EarlyFirings = a.Early?.ToProto(), LateFirings = a.Late?.ToProto() }; break;
            case Trigger.AfterProcessingTime p:
                t.AfterProcessingTime = new();
                t.AfterProcessingTime.TimestampTransforms.Add(p.Transforms.Select(static s => s switch
                {
                    TimestampTransform.Delay d => new Proto.TimestampTransform { Delay = new() { DelayMillis = d.DelayMillis } },
                    TimestampTransform.AlignTo a => new Proto.TimestampTransform { AlignTo = new() { Period = a.PeriodMillis, Offset = a.OffsetMillis } },
                    _ => throw new ArgumentException($"unknown timestamp transform {s}", nameof(trigger)),
                }));
                break;
            case Trigger.AfterAll all: t.AfterAll = new(); t.AfterAll.Subtriggers.Add(all.Subtriggers.Select(static s => s.ToProto())); break;
            case Trigger.AfterAny any: t.AfterAny = new(); t.AfterAny.Subtriggers.Add(any.Subtriggers.Select(static s => s.ToProto())); break;
            case Trigger.AfterEach each: t.AfterEach = new(); t.AfterEach.Subtriggers.Add(each.Subtriggers.Select(static s => s.ToProto())); break;
            case Trigger.Repeatedly r: t.Repeat = new() { Subtrigger = r.Subtrigger.ToProto() }; break;
            case Trigger.OrFinally o: t.OrFinally = new() { Main = o.Main.ToProto(), Finally = o.Finally.ToProto() }; break;
            default: throw new ArgumentException($"unknown trigger kind {trigger.GetType().Name}", nameof(trigger));
        }

        return t;
    }

    private static Trigger? ReadTrigger(Proto.Trigger? trigger, string field, List<WindowingProtoProblem> problems)
    {
        if (trigger is null)
        {
            problems.Add(new(field, "missing trigger"));
            return null;
        }

        switch (trigger.TriggerCase)
        {
            case Proto.Trigger.TriggerOneofCase.Default: return Trigger.DefaultTrigger;
            case Proto.Trigger.TriggerOneofCase.Never: return new Trigger.Never();
            case Proto.Trigger.TriggerOneofCase.Always: return new Trigger.Always();
            case Proto.Trigger.TriggerOneofCase.AfterSynchronizedProcessingTime: return new Trigger.AfterSynchronizedProcessingTime();
            case Proto.Trigger.TriggerOneofCase.ElementCount: return new Trigger.ElementCount(trigger.ElementCount.ElementCount_);
            case Proto.Trigger.TriggerOneofCase.AfterEndOfWindow:
                {
                    var a = trigger.AfterEndOfWindow;
                    var early = a.EarlyFirings is null ? null : ReadTrigger(a.EarlyFirings, field + ".after_end_of_window.early_firings", problems);
                    var late = a.LateFirings is null ? null : ReadTrigger(a.LateFirings, field + ".after_end_of_window.late_firings", problems);
                    return new Trigger.AfterWatermark(early, late);
                }

            case Proto.Trigger.TriggerOneofCase.AfterProcessingTime:
                {
                    var transforms = new List<TimestampTransform>();
                    var steps = trigger.AfterProcessingTime.TimestampTransforms;
                    for (var i = 0; i < steps.Count; i++)
                    {
                        if (ReadTransform(steps[i], $"{field}.after_processing_time.timestamp_transforms[{i}]", problems) is { } step)
                        {
                            transforms.Add(step);
                        }
                    }

                    return new Trigger.AfterProcessingTime(transforms);
                }

            case Proto.Trigger.TriggerOneofCase.AfterAll:
                return new Trigger.AfterAll(ReadSubtriggers(trigger.AfterAll.Subtriggers, field + ".after_all", problems));
            case Proto.Trigger.TriggerOneofCase.AfterAny:
                return new Trigger.AfterAny(ReadSubtriggers(trigger.AfterAny.Subtriggers, field + ".after_any", problems));
            case Proto.Trigger.TriggerOneofCase.AfterEach:
                return new Trigger.AfterEach(ReadSubtriggers(trigger.AfterEach.Subtriggers, field + ".after_each", problems));
            case Proto.Trigger.TriggerOneofCase.Repeat:
                {
                    var sub = ReadTrigger(trigger.Repeat.Subtrigger, field + ".repeat.subtrigger", problems);
                    return sub is null ? null : new Trigger.Repeatedly(sub);
                }

            case Proto.Trigger.TriggerOneofCase.OrFinally:
                {
                    var main = ReadTrigger(trigger.OrFinally.Main, field + ".or_finally.main", problems);
                    var fin = ReadTrigger(trigger.OrFinally.Finally, field + ".or_finally.finally", problems);
                    return main is null || fin is null ? null : new Trigger.OrFinally(main, fin);
                }

            default:
                problems.Add(new(field, trigger.CalculateSize() == 0
                    ? "no trigger kind set"
                    : "unknown trigger kind (a field of the trigger oneof that beam_runner_api.proto does not define)"));
                return null;
        }
    }

    private static List<Trigger> ReadSubtriggers(IReadOnlyList<Proto.Trigger> subtriggers, string field, List<WindowingProtoProblem> problems)
    {
        if (subtriggers.Count == 0)
        {
            problems.Add(new(field + ".subtriggers", "needs at least one subtrigger"));
        }

        var read = new List<Trigger>(subtriggers.Count);
        for (var i = 0; i < subtriggers.Count; i++)
        {
            if (ReadTrigger(subtriggers[i], $"{field}.subtriggers[{i}]", problems) is { } sub)
            {
                read.Add(sub);
            }
        }

        return read;
    }

    private static TimestampTransform? ReadTransform(Proto.TimestampTransform step, string field, List<WindowingProtoProblem> problems)
    {
        switch (step.TimestampTransformCase)
        {
            case Proto.TimestampTransform.TimestampTransformOneofCase.Delay:
                if (step.Delay.DelayMillis < 0)
                {
                    problems.Add(new(field + ".delay.delay_millis", $"must be at least 0 ms, got {step.Delay.DelayMillis} ms"));
                    return null;
                }

                return new TimestampTransform.Delay(step.Delay.DelayMillis);
            case Proto.TimestampTransform.TimestampTransformOneofCase.AlignTo:
                if (step.AlignTo.Period <= 0)
                {
                    problems.Add(new(field + ".align_to.period", $"must be above 0 ms, got {step.AlignTo.Period} ms"));
                    return null;
                }

                return new TimestampTransform.AlignTo(step.AlignTo.Period, step.AlignTo.Offset);
            default:
                problems.Add(new(field, "no timestamp transform kind set (delay or align_to)"));
                return null;
        }
    }
}
