using BeamConformance.Engine;
using BeamConformance.Model;
using BeamConformance.Model.Coders;
using BeamConformance.Model.Windows;
using BeamConformance.ReferenceRunner.Execution.Internal.UserState;
using BeamConformance.ReferenceRunner.FnApi;
using BeamConformance.ReferenceRunner.Tests.Translation;
using BeamConformance.ReferenceRunner.Translation;
using Google.Protobuf;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.ReferenceRunner.Tests.Execution.UserState;

/// <summary>
/// User state served per transform, state id, key and window: bag, multimap, ordered list; a bundle's changes visible
/// at once on commit and never after a failure; keys outside the bundle rejected; expired windows collected.
/// </summary>
public sealed class UserStateTests
{
    // "a" and "b" nested-encoded by beam:coder:string_utf8:v1: length, then UTF-8.
    private static readonly byte[] KeyA = [0x01, 0x61];
    private static readonly byte[] KeyB = [0x01, 0x62];
    private static readonly HashSet<string> Keys = ["0161", "0162"];

    private readonly ExecutableStagePlan _stage = PipelineFuser.Fuse(StatefulTranslationTests.Stateful(out _)).Stages.Single(static s => s.IsStateful);

    [Fact]
    public void Bag_appends_are_read_back_in_order_and_cleared()
    {
        var store = new UserStateStore("job");
        var bundle = new UserStateTransaction(store, _stage, Keys, null);

        bundle.Append(Bag(KeyA), new byte[] { 0x01 });
        bundle.Append(Bag(KeyA), new byte[] { 0x02, 0x03 });
        bundle.Append(Bag(KeyB), new byte[] { 0x09 });

        Assert.Equal(["01", "0203"], Hex(bundle.Get(Bag(KeyA))));
        Assert.Equal(["09"], Hex(bundle.Get(Bag(KeyB))));
        bundle.Clear(Bag(KeyA));
        Assert.Empty(bundle.Get(Bag(KeyA)));
        Assert.Equal(["09"], Hex(bundle.Get(Bag(KeyB))));
    }

    [Fact]
    public void A_bundles_changes_are_seen_by_the_next_bundle_only_after_commit_and_never_after_a_failure()
    {
        var store = new UserStateStore("job");
        var first = new UserStateTransaction(store, _stage, Keys, null);
        first.Append(Bag(KeyA), new byte[] { 0x01 });

        Assert.Empty(new UserStateTransaction(store, _stage, Keys, null).Get(Bag(KeyA)));
        first.Commit();
        var second = new UserStateTransaction(store, _stage, Keys, null);
        Assert.Equal(["01"], Hex(second.Get(Bag(KeyA))));

        // The second bundle writes and then fails: never committed, the retry sees the state of the first.
        second.Append(Bag(KeyA), new byte[] { 0x02 });
        second.Clear(Bag(KeyB));
        var tokenBefore = store.CacheToken(_stage.StageId);
        store.Invalidate(_stage.StageId);
        Assert.Equal(["01"], Hex(new UserStateTransaction(store, _stage, Keys, null).Get(Bag(KeyA))));
        Assert.Equal("job/stage2/user-state/0", tokenBefore.ToStringUtf8());
        Assert.Equal("job/stage2/user-state/1", store.CacheToken(_stage.StageId).ToStringUtf8());
    }

    [Fact]
    public void State_is_kept_per_key_and_per_window_compared_as_bytes()
    {
        var store = new UserStateStore("job");
        var bundle = new UserStateTransaction(store, _stage, Keys, null);
        bundle.Append(Bag(KeyA), new byte[] { 0x01 });
        bundle.Commit();

        Assert.Empty(new UserStateTransaction(store, _stage, Keys, null).Get(Bag(KeyB)));
        Assert.Equal(["stage2 counter/bag key=0161 window=(empty)"], store.Cells().Select(c => $"{_stage.StageId} {c}"));
    }

    [Fact]
    public void Multimap_puts_reads_keys_and_clears_one_key_or_all()
    {
        var bundle = new UserStateTransaction(new UserStateStore("job"), _stage, Keys, null);

        bundle.Append(Map(KeyA, [0x01, 0x78]), new byte[] { 0x01 });
        bundle.Append(Map(KeyA, [0x01, 0x79]), new byte[] { 0x03 });
        bundle.Append(Map(KeyA, [0x01, 0x78]), new byte[] { 0x02 });

        Assert.Equal(["0178", "0179"], Hex(bundle.Get(MapKeys(KeyA))));
        Assert.Equal(["01", "02"], Hex(bundle.Get(Map(KeyA, [0x01, 0x78]))));
        Assert.Empty(bundle.Get(Map(KeyB, [0x01, 0x78])));
        bundle.Clear(Map(KeyA, [0x01, 0x78]));
        Assert.Equal(["0179"], Hex(bundle.Get(MapKeys(KeyA))));
        Assert.Empty(bundle.Get(Map(KeyA, [0x01, 0x78])));
        bundle.Clear(MapKeys(KeyA));
        Assert.Empty(bundle.Get(MapKeys(KeyA)));
        Assert.Empty(bundle.Get(Map(KeyA, [0x01, 0x79])));
    }

    [Fact]
    public void Ordered_list_sorts_by_sort_key_and_reads_and_clears_half_open_ranges()
    {
        var bundle = new UserStateTransaction(new UserStateStore("job"), _stage, Keys, null);

        // Entries KV<varint sort key, length-prefixed value>: 5→"e", 1→"a", 3→"c", then 3→"d" (same key, later).
        bundle.Append(Sorted(KeyA, null), new byte[] { 0x05, 0x01, 0x65, 0x01, 0x01, 0x61 });
        bundle.Append(Sorted(KeyA, null), new byte[] { 0x03, 0x01, 0x63, 0x03, 0x01, 0x64 });

        Assert.Equal(["010161", "030163", "030164", "050165"], Hex(bundle.Get(Sorted(KeyA, null))));
        Assert.Equal(["030163", "030164"], Hex(bundle.Get(Sorted(KeyA, (3, 5)))));
        bundle.Clear(Sorted(KeyA, (1, 4)));
        Assert.Equal(["050165"], Hex(bundle.Get(Sorted(KeyA, (long.MinValue, long.MaxValue)))));
    }

    [Fact]
    public void Ordered_list_data_that_is_no_entries_is_rejected_naming_the_byte()
    {
        var bundle = new UserStateTransaction(new UserStateStore("job"), _stage, Keys, null);

        var e = Assert.Throws<StateRequestRejectedException>(() => bundle.Append(Sorted(KeyA, null), new byte[] { 0x05, 0x04, 0x65 }));

        Assert.Equal("ordered-list entry at byte 0 says its value has 4 bytes, but 1 are left (expected KV<varint sort key, length-prefixed value>)", e.Message);
    }

    [Fact]
    public void A_key_outside_the_bundle_an_undeclared_state_and_a_wrong_protocol_are_rejected()
    {
        var bundle = new UserStateTransaction(new UserStateStore("job"), _stage, new HashSet<string> { "0161" }, null);

        Assert.Equal(
            "BagUserState 'bag' of transform 'counter': key 0162 is not a key of this bundle's input (keys: 0161)",
            Assert.Throws<StateRequestRejectedException>(() => bundle.Append(Bag(KeyB), new byte[] { 1 })).Message);
        var undeclared = Bag(KeyA);
        undeclared.BagUserState.UserStateId = "nope";
        Assert.Equal(
            "BagUserState 'nope' of transform 'counter': no such user state in stage 'stage2' (declared: counter/bag, counter/map, counter/sorted, counter/value)",
            Assert.Throws<StateRequestRejectedException>(() => bundle.Get(undeclared)).Message);
        var wrong = Bag(KeyA);
        wrong.BagUserState.UserStateId = "map";
        Assert.Equal(
            "BagUserState 'map' of transform 'counter': the state is declared with protocol beam:user_state:multimap:v1, not read or written as beam:user_state:bag:v1",
            Assert.Throws<StateRequestRejectedException>(() => bundle.Get(wrong)).Message);
        Assert.Throws<StateRequestRejectedException>(() => bundle.Append(MapKeys(KeyA), new byte[] { 1 }));
    }

    [Fact]
    public void Side_inputs_are_read_only()
    {
        IBundleStateSource sides = new ReadOnlySides();
        var key = new StateKey { IterableSideInput = new StateKey.Types.IterableSideInput { TransformId = "c", SideInputId = "side0" } };

        Assert.Equal(
            "append to IterableSideInput state: side inputs are read-only (StateAppendRequest is for user state)",
            Assert.Throws<StateRequestRejectedException>(() => sides.Append(key, new byte[] { 1 })).Message);
        Assert.Throws<StateRequestRejectedException>(() => new UserStateTransaction(new UserStateStore("job"), _stage, Keys, sides).Clear(key));
    }

    [Fact]
    public void State_of_an_expired_window_is_collected_once_the_watermark_passes_its_end_plus_allowed_lateness()
    {
        var stage = PipelineFuser.Fuse(StatefulTranslationTests.Stateful(out _, fixedWindows: true)).Stages.Single(static s => s.IsStateful);
        var store = new UserStateStore("job");
        var bundle = new UserStateTransaction(store, stage, Keys, null);
        var early = IntervalWindowCoder.Instance.EncodeToArray(new IntervalWindow(0, 10_000));
        var late = IntervalWindowCoder.Instance.EncodeToArray(new IntervalWindow(10_000, 20_000));
        bundle.Append(Bag(KeyA, early), new byte[] { 1 });
        bundle.Append(Bag(KeyA, late), new byte[] { 2 });
        bundle.Commit();

        // Window [0, 10 s): max timestamp 9 999 ms, allowed lateness 7 s: garbage after 16 999 ms.
        Assert.Equal(0, store.CollectGarbage(stage, 16_999));
        Assert.Equal("job/stage2/user-state/0", store.CacheToken(stage.StageId).ToStringUtf8());
        Assert.Equal(1, store.CollectGarbage(stage, 17_000));
        Assert.Equal("job/stage2/user-state/1", store.CacheToken(stage.StageId).ToStringUtf8());
        Assert.Empty(new UserStateTransaction(store, stage, Keys, null).Get(Bag(KeyA, early)));
        Assert.Equal(["02"], Hex(new UserStateTransaction(store, stage, Keys, null).Get(Bag(KeyA, late))));

        // The end of input expires every window: nothing survives the job.
        Assert.Equal(1, store.CollectGarbage(stage, BeamTime.MaxTimestampMillis));
        Assert.Equal(0, store.Count);
    }

    private static StateKey Bag(byte[] key, byte[]? window = null) =>
        new() { BagUserState = new() { TransformId = "counter", UserStateId = "bag", Key = ByteString.CopyFrom(key), Window = ByteString.CopyFrom(window ?? []) } };

    private static StateKey MapKeys(byte[] key) =>
        new() { MultimapKeysUserState = new() { TransformId = "counter", UserStateId = "map", Key = ByteString.CopyFrom(key) } };

    private static StateKey Map(byte[] key, byte[] mapKey) =>
        new() { MultimapUserState = new() { TransformId = "counter", UserStateId = "map", Key = ByteString.CopyFrom(key), MapKey = ByteString.CopyFrom(mapKey) } };

    private static StateKey Sorted(byte[] key, (long Start, long End)? range) =>
        new()
        {
            OrderedListUserState = new()
            {
                TransformId = "counter", UserStateId = "sorted", Key = ByteString.CopyFrom(key),
                Range = range is { } r ? new OrderedListRange { Start = r.Start, End = r.End } : null,
            },
        };

    private static List<string> Hex(IReadOnlyList<ReadOnlyMemory<byte>> values) => [.. values.Select(static v => Convert.ToHexString(v.Span))];

    private sealed class ReadOnlySides : IBundleStateSource
    {
        public IReadOnlyList<ReadOnlyMemory<byte>> Get(StateKey key) => [];
    }
}
