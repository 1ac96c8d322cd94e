using BeamConformance.Engine;
using BeamConformance.Model;
using BeamConformance.Model.Windows;
using BeamConformance.ReferenceRunner.Execution;
using BeamConformance.ReferenceRunner.Execution.Internal;
using BeamConformance.ReferenceRunner.Tests.Translation;
using BeamConformance.ReferenceRunner.Translation;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging.Abstractions;
using Org.Apache.Beam.Model.JobManagement.V1;

namespace BeamConformance.ReferenceRunner.Tests.Execution;

public sealed class LateDataReportTests
{
    /// <summary>
    /// impulse → a → shuffle (global GroupByKey) → stamp (moves elements back to 1 s and 5 s, fixed windows) → group →
    /// sink, run by hand in streaming mode: the counter is in GetJobMetrics right after the commit that dropped, once;
    /// the warnings come when the job ends.
    /// </summary>
    [Fact]
    public void Counter_is_live_and_counted_once_and_warnings_come_at_the_end()
    {
        var p = new TestPipeline();
        var stamped = p.ParDo("stamp", p.GroupByKey("shuffle", p.ParDo("a", p.Impulse("impulse"), coder: "kv_str_varint")), coder: "kv_str_varint", windowing: "fixed");
        p.ParDo("sink", p.GroupByKey("group", stamped));
        var fused = PipelineFuser.Fuse(p.Build());
        var engine = new JobEngine(fused.BuildEngineGraph(), new EngineOptions { Mode = ExecutionMode.Streaming });
        var messages = new RecordedMessages();
        var context = new JobRunContext
        {
            JobId = "job",
            Pipeline = fused.Pipeline,
            Translation = fused,
            PipelineOptions = new Struct(),
            Environments = null!,
            Messages = messages,
            Metrics = new JobMetrics(),
            LoggerFactory = NullLoggerFactory.Instance,
        };
        var report = new LateDataReport(engine, fused, context);
        var counterAfterStamp = "";
        while (engine.GetNextBundle() is { Kind: NextBundleKind.Ready, Bundle: { } bundle })
        {
            var outputs = fused.StageOf(bundle.Stage).Outputs;
            var elements = bundle.Inputs[0].PCollection.Value switch
            {
                "impulse.out" => [Element.Keyed([1, 0x61], [1], BeamTime.MinTimestampMillis, GlobalWindow.Instance, PaneInfo.NoFiring)],
                "shuffle.out" => new[] { 1000L, 5000L }.Select(t => Element.Keyed([1, 0x61], [2], t, new IntervalWindow(0, 10_000), PaneInfo.NoFiring)).ToArray(),
                _ => Array.Empty<Element>(),
            };
            engine.CommitBundle(bundle.Id, outputs.Count == 0
                ? BundleResult.Empty
                : new BundleResult { Outputs = new Dictionary<PCollectionId, IReadOnlyList<Element>> { [outputs[0].PCollection] = elements } });
            report.UpdateCounters();
            if (bundle.Inputs[0].PCollection.Value == "shuffle.out")
            {
                counterAfterStamp = Committed(context);
                Assert.Empty(messages.Texts);
            }
        }

        report.PublishWarnings();
        report.UpdateCounters();

        Assert.Equal(JobStatus.Done, engine.Status);
        Assert.Equal("group droppedDueToLateness=02", counterAfterStamp);
        Assert.Equal("group droppedDueToLateness=02", Committed(context));
        Assert.Equal(2, messages.Texts.Count);
        Assert.StartsWith(
            "JobMessageWarning GroupByKey 'group' dropped 2 element(s) as late (counter droppedDueToLateness): "
            + "window [1970-01-01T00:00:00.000Z, 1970-01-01T00:00:10.000Z): 2 element(s), input watermark END_OF_GLOBAL_WINDOW at the first.",
            messages.Texts[0],
            StringComparison.Ordinal);
        Assert.StartsWith("JobMessageWarning ParDo 'stamp' (stage '", messages.Texts[1], StringComparison.Ordinal);
    }

    private static string Committed(JobRunContext context) =>
        string.Join(", ", context.Metrics.ToMetricResults().Committed.Select(static m => $"{m.Labels["PTRANSFORM"]} {m.Labels["NAME"]}={Convert.ToHexStringLower(m.Payload.Span)}"));

    private sealed class RecordedMessages : IJobMessageSink
    {
        public List<string> Texts { get; } = [];

        public void Post(JobMessage.Types.MessageImportance importance, string text)
        {
            lock (Texts)
            {
                Texts.Add($"{importance} {text}");
            }
        }
    }

    [Fact]
    public void Warning_names_the_GroupByKey_the_total_and_each_window_with_its_count_and_watermark()
    {
        List<LateDataDrop> drops =
        [
            new(new("s1"), new IntervalWindow(0, 10_000), 2, BeamTime.EndOfGlobalWindowMillis),
            new(new("s1"), GlobalWindow.Instance, 1, 25_000),
        ];

        Assert.Equal(
            "GroupByKey 'Group' dropped 3 element(s) as late (counter droppedDueToLateness): "
            + "window [1970-01-01T00:00:00.000Z, 1970-01-01T00:00:10.000Z): 2 element(s), input watermark END_OF_GLOBAL_WINDOW at the first; "
            + $"window {GlobalWindow.Instance}: 1 element(s), input watermark 1970-01-01T00:00:25.000Z at the first. "
            + "Their windows had expired (max timestamp + allowed lateness before the input watermark) when they arrived.",
            LateDataReport.DropMessage("GroupByKey 'Group'", 3, drops));
    }

    [Fact]
    public void Warning_lists_at_most_20_windows_and_counts_the_rest()
    {
        var drops = Enumerable.Range(0, 23).Select(i => new LateDataDrop(new("s"), new IntervalWindow(i * 10L, (i + 1) * 10L), 1, 1000)).ToList();

        var text = LateDataReport.DropMessage("GroupByKey 'G'", 23, drops);

        Assert.Contains("1970-01-01T00:00:00.190Z, 1970-01-01T00:00:00.200Z)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1970-01-01T00:00:00.200Z, 1970-01-01T00:00:00.210Z)", text, StringComparison.Ordinal);
        Assert.Contains("; and 3 more window(s).", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Transforms_are_named_by_unique_name_and_id_when_they_differ()
    {
        var components = new Org.Apache.Beam.Model.Pipeline.V1.Components();
        components.Transforms["transform_22"] = new() { UniqueName = "events.stamp" };
        components.Transforms["Group"] = new() { UniqueName = "Group" };
        components.Transforms["unnamed"] = new();

        Assert.Equal(
            ["'events.stamp' (transform_22)", "'Group'", "'unnamed'", "'missing'"],
            new[] { "transform_22", "Group", "unnamed", "missing" }.Select(id => LateDataReport.Named(components, id)));
    }

    [Fact]
    public void Counter_is_a_user_sum_int64_named_like_Javas()
    {
        var info = LateDataReport.Counter("Group", 300);

        Assert.Equal(("beam:metric:user:sum_int64:v1", "beam:metrics:sum_int64:v1", "ac02"), (info.Urn, info.Type, Convert.ToHexStringLower(info.Payload.Span)));
        Assert.Equal(
            ["NAME=droppedDueToLateness", "NAMESPACE=org.apache.beam.runners.core.LateDataDroppingDoFnRunner", "PTRANSFORM=Group"],
            info.Labels.Select(static l => $"{l.Key}={l.Value}").Order(StringComparer.Ordinal));
    }
}
