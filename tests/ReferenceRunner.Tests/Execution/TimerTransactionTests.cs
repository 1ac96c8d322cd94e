using BeamConformance.Model;
using BeamConformance.Model.Windows;
using BeamConformance.ReferenceRunner.Execution.Internal.Timers;
using BeamConformance.ReferenceRunner.Tests.Translation;
using BeamConformance.ReferenceRunner.Translation;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Tests.Execution;

/// <summary>The runner's timer bookkeeping of one bundle: what fires, what a set or clear does, and a failed bundle's changes dropped.</summary>
public sealed class TimerTransactionTests
{
    private static readonly IReadOnlySet<string> KeysAB = new HashSet<string>(["0161", "0162"]);

    [Fact]
    public void A_failed_bundle_drops_its_changes_and_its_retry_fires_the_same_timer()
    {
        var (store, stage) = Stage();
        var first = Begin(store, stage, BeamTime.MinTimestampMillis);
        first.Apply(Sent(stage, Set("a", 100)), KeysAB);
        first.Commit();

        // The bundle that fires it fails: nothing commits, so the retry fires it again.
        var failed = Begin(store, stage, 200);
        Assert.Equal(["0161@100"], Fired(failed));
        failed.Apply(Sent(stage, Set("a", 150)), KeysAB);
        var retry = Begin(store, stage, 200);
        Assert.Equal(["0161@100"], Fired(retry));
        retry.Commit();

        Assert.Equal(0, store.Count(stage.StageId));
        Assert.Same(Engine.TimerSummary.None, Begin(store, stage, 200).Summary([]));
    }

    [Fact]
    public void A_set_replaces_a_clear_deletes_and_one_timer_per_key_fires_per_bundle_earliest_first()
    {
        var (store, stage) = Stage();
        var setUp = Begin(store, stage, BeamTime.MinTimestampMillis);
        setUp.Apply(Sent(stage, Set("a", 300), Set("a", 50, tag: "x"), Set("a", 400), Set("b", 70), Set("b", 60, tag: "y"), Cleared("b", tag: "y")), KeysAB);
        var summary = setUp.Summary([]);
        Assert.Equal((3, 50L, long.MaxValue), (summary.PendingCount, summary.NextEventTimeMillis, summary.NextProcessingTimeMillis));
        Assert.Equal([50L, 70L, 400L], summary.HoldsMillis.Order()); // a@300 replaced by a@400, b/y set then cleared
        setUp.Commit();

        var next = Begin(store, stage, 1_000);
        Assert.Equal(["0161@50", "0162@70"], Fired(next));
        next.Commit();
        Assert.Equal(["0161@400"], Fired(Begin(store, stage, 1_000)));
    }

    [Fact]
    public void An_event_time_timer_after_its_window_expiry_is_not_kept()
    {
        var (store, stage) = Stage();
        var tx = Begin(store, stage, BeamTime.MinTimestampMillis);
        tx.Apply(Sent(stage, Set("a", BeamTime.MaxTimestampMillis - 1)), KeysAB);

        Assert.Same(Engine.TimerSummary.None, tx.Summary([]));
    }

    [Fact]
    public void The_global_window_expires_at_its_max_timestamp_whatever_the_allowed_lateness()
    {
        // 10 s of lateness are not added past the end of the global window (Java LateDataUtils.garbageCollectionTime):
        // a timer at its max timestamp is kept, one a millisecond later could never fire and is not.
        var (store, stage) = Stage(allowedLatenessMillis: 10_000);
        var tx = Begin(store, stage, BeamTime.MinTimestampMillis);
        tx.Apply(Sent(stage, Set("a", BeamTime.EndOfGlobalWindowMillis), Set("b", BeamTime.EndOfGlobalWindowMillis + 1)), KeysAB);

        var summary = tx.Summary([]);
        Assert.Equal((1, BeamTime.EndOfGlobalWindowMillis), (summary.PendingCount, summary.NextEventTimeMillis));
    }

    private static (TimerStore Store, ExecutableStagePlan Stage) Stage(long allowedLatenessMillis = 0)
    {
        var p = TimerTranslationTests.Timers(("late", TimeDomain.Types.Enum.EventTime, "timer")).Build();
        foreach (var strategy in p.Components.WindowingStrategies.Values)
        {
            strategy.AllowedLateness = allowedLatenessMillis;
        }

        var stage = Assert.Single(PipelineFuser.Fuse(p).Stages, static s => s.IsStateful);
        Assert.Equal(allowedLatenessMillis, stage.UserStateAllowedLatenessMillis);
        return (new TimerStore(), stage);
    }

    private static TimerTransaction Begin(TimerStore store, ExecutableStagePlan stage, long watermark) => new(store, stage, watermark, 0, []);

    private static List<string> Fired(TimerTransaction tx) => [.. tx.Fired.Select(static t => $"{t.Id.KeyHex}@{t.FireMillis}")];

    private static TimerValue Set(string key, long fire, string tag = "") => new(key, tag, [GlobalWindow.Instance], false, fire, fire, PaneInfo.NoFiring);

    private static TimerValue Cleared(string key, string tag = "") => TimerValue.Cleared(key, tag, [GlobalWindow.Instance]);

    private static Dictionary<(string, string), IReadOnlyList<ReadOnlyMemory<byte>>> Sent(ExecutableStagePlan stage, params TimerValue[] timers)
    {
        var family = stage.TimerFamilies.Single();
        return new() { [(family.TransformId, family.FamilyId)] = [.. timers.Select(t => (ReadOnlyMemory<byte>)family.Coder.EncodeToArray(t, nested: true))] };
    }
}
