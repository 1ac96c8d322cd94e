using System.Text;
using BeamConformance.Engine;
using BeamConformance.Model;
using BeamConformance.ReferenceRunner.Translation;
using Google.Protobuf;
using Org.Apache.Beam.Model.JobManagement.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Execution.Internal;

/// <summary>
/// Makes one job's late drops and timestamp regressions visible: a committed (and attempted) user counter per stage
/// that dropped elements, in GetJobMetrics as soon as a bundle's commit dropped them (<see cref="UpdateCounters"/>):
/// <c>droppedDueToLateness</c> for a GroupByKey, <c>StatefulParDoDropped</c> for a stateful ParDo (Java's names and
/// namespaces); and when the job ends (<see cref="PublishWarnings"/>) one JOB_MESSAGE_WARNING per such stage
/// (transform, each window with its count and the input watermark at its first drop) and one per SDK stage whose
/// output moved timestamps back behind its input. Thread-safe.
/// </summary>
internal sealed class LateDataReport(JobEngine engine, FusedPipeline fused, JobRunContext context)
{
    /// <summary>Java's namespace of the counter: the class that counts it (<c>Metrics.counter(LateDataDroppingDoFnRunner.class, ...)</c>).</summary>
    public const string CounterNamespace = "org.apache.beam.runners.core.LateDataDroppingDoFnRunner";

    /// <summary>Java's counter name (<c>LateDataDroppingDoFnRunner.DROPPED_DUE_TO_LATENESS</c>).</summary>
    public const string CounterName = "droppedDueToLateness";

    /// <summary>Java's namespace of the stateful ParDo's counter (<c>Metrics.counter(StatefulDoFnRunner.class, ...)</c>).</summary>
    public const string StatefulCounterNamespace = "org.apache.beam.runners.core.StatefulDoFnRunner";

    /// <summary>Java's stateful ParDo counter name (<c>StatefulDoFnRunner.DROPPED_DUE_TO_LATENESS_COUNTER</c>).</summary>
    public const string StatefulCounterName = "StatefulParDoDropped";

    private const int MaxWindowsListed = 20;

    private readonly Lock _lock = new();
    private readonly Dictionary<StageId, long> _reported = [];
    private readonly List<LateDataDropper> _droppers =
    [
        .. fused.RunnerTransforms.Where(static t => t.Kind == RunnerTransformKind.GroupByKey).Select(static t => new LateDataDropper(t.StageId, t.TransformId, "GroupByKey", CounterNamespace, CounterName)),
        .. fused.Stages.Where(static s => s.IsStateful).Select(static s => new LateDataDropper(s.StageId, s.UserStates.Count > 0 ? s.UserStates[0].TransformId : s.TimerFamilies[0].TransformId, "Stateful ParDo", StatefulCounterNamespace, StatefulCounterName)),
    ];

    /// <summary>Adds to the counters what the GroupByKeys and stateful ParDos dropped since the last call.</summary>
    public void UpdateCounters()
    {
        lock (_lock)
        {
            var deltas = new List<MonitoringInfo>();
            foreach (var dropper in _droppers)
            {
                var total = engine.DroppedDueToLatenessCount(dropper.StageId);
                var before = _reported.GetValueOrDefault(dropper.StageId);
                if (total > before)
                {
                    deltas.Add(Counter(dropper.TransformId, total - before, dropper.Namespace, dropper.Name));
                    _reported[dropper.StageId] = total;
                }
            }

            if (deltas.Count > 0)
            {
                context.Metrics.Commit($"{context.JobId}/runner/{CounterName}", deltas);
            }
        }
    }

    /// <summary>Brings the counters up to date, then posts the warnings; call once, when the job ends.</summary>
    public void PublishWarnings()
    {
        UpdateCounters();
        foreach (var drops in engine.LateDataDrops().GroupBy(static d => d.GroupByKey))
        {
            var dropper = _droppers.FirstOrDefault(d => d.StageId == drops.Key) ?? new LateDataDropper(drops.Key, drops.Key.Value, "GroupByKey", CounterNamespace, CounterName);
            var total = drops.Sum(static d => d.Count);
            context.Messages.Post(
                JobMessage.Types.MessageImportance.JobMessageWarning,
                DropMessage($"{dropper.Kind} {Named(fused.Pipeline.Components, dropper.TransformId)}", total, [.. drops], dropper.Name));
        }

        foreach (var regression in engine.TimestampRegressions())
        {
            context.Messages.Post(JobMessage.Types.MessageImportance.JobMessageWarning, RegressionMessage(fused, regression));
        }
    }

    /// <summary>The warning for one GroupByKey or stateful ParDo.</summary>
    /// <param name="transform">The transform's kind and name as <see cref="Named"/> writes it, e.g. <c>GroupByKey 'Group'</c>.</param>
    /// <param name="total">Elements it dropped.</param>
    /// <param name="drops">Its drops per window, in the order of their first drop.</param>
    /// <param name="counter">The counter's name.</param>
    internal static string DropMessage(string transform, long total, List<LateDataDrop> drops, string counter = CounterName)
    {
        var text = new StringBuilder();
        text.Append($"{transform} dropped {total} element(s) as late (counter {counter}): ");
        text.AppendJoin("; ", drops.Take(MaxWindowsListed).Select(static d =>
            $"window {d.Window}: {d.Count} element(s), input watermark {BeamTime.Format(d.InputWatermarkMillis)} at the first"));
        if (drops.Count > MaxWindowsListed)
        {
            text.Append($"; and {drops.Count - MaxWindowsListed} more window(s)");
        }

        return text.Append(". Their windows had expired (max timestamp + allowed lateness before the input watermark) when they arrived.").ToString();
    }

    internal static MonitoringInfo Counter(string transform, long count, string counterNamespace = CounterNamespace, string counterName = CounterName)
    {
        var info = new MonitoringInfo
        {
            Urn = Urns.MonitoringInfos.UserSumInt64,
            Type = Urns.MonitoringInfoTypes.SumInt64,
            Payload = ByteString.CopyFrom(MetricPayload.Encode(new MetricPayload.LongSum(count))),
        };
        info.Labels.Add("NAMESPACE", counterNamespace);
        info.Labels.Add("NAME", counterName);
        info.Labels.Add("PTRANSFORM", transform);
        return info;
    }

    private static string RegressionMessage(FusedPipeline fused, TimestampRegression regression)
    {
        var stage = fused.StageOf(regression.Stage);
        var components = fused.Pipeline.Components;
        var parDos = ParDosBehind(components, stage, regression.Output.Value);
        var who = parDos switch
        {
            [var one] => $"ParDo {Named(components, one)}",
            [] => $"one of the transforms {string.Join(", ", stage.TransformIds.Select(id => Named(components, id)))}",
            _ => $"one of the ParDos {string.Join(", ", parDos.Select(id => Named(components, id)))}",
        };
        return $"{who} (stage '{stage.StageId}') moved element timestamps back: it output an element to PCollection '{regression.Output}' at "
            + $"{BeamTime.Format(regression.OutputTimestampMillis)}, behind every input element of its bundle (earliest {BeamTime.Format(regression.InputTimestampMillis)}). "
            + "Java's ParDo refuses this beyond the DoFn's allowed timestamp skew; under streaming semantics such elements can be behind the watermark and dropped as late.";
    }

    /// <summary>A transform as users know it: <c>'unique name' (id)</c> when the pipeline names it differently from its id, else <c>'id'</c>.</summary>
    internal static string Named(Components components, string transformId) =>
        components.Transforms.TryGetValue(transformId, out var transform) && !string.IsNullOrEmpty(transform.UniqueName) && transform.UniqueName != transformId
            ? $"'{transform.UniqueName}' ({transformId})"
            : $"'{transformId}'";

    // The stage's ParDos upstream of the output PCollection, in the stage's order (transforms fused from the pipeline only).
    private static List<string> ParDosBehind(Components components, ExecutableStagePlan stage, string output)
    {
        var inStage = stage.TransformIds.ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pcollections = new Stack<string>([output]);
        while (pcollections.Count > 0)
        {
            var pcollection = pcollections.Pop();
            foreach (var id in inStage)
            {
                if (!seen.Contains(id) && components.Transforms.TryGetValue(id, out var transform) && transform.Outputs.Values.Contains(pcollection))
                {
                    seen.Add(id);
                    foreach (var input in transform.Inputs.Values)
                    {
                        pcollections.Push(input);
                    }
                }
            }
        }

        return stage.TransformIds.Where(id => seen.Contains(id) && components.Transforms[id].Spec?.Urn == Urns.Transforms.ParDo).ToList();
    }
}
