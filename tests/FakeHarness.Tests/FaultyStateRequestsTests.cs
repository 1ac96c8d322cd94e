using BeamConformance.FakeHarness.Internal;
using BeamConformance.FakeHarness.Internal.Faults;
using Google.Protobuf;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness.Tests;

/// <summary>
/// The faulty state requests (testdata/README.md, "Harness faults", "Misanswers"), each built for one site: transform
/// <c>Faulty</c>, key bytes <c>0161</c> (the string "a"), window bytes <c>80000000000003E7 00</c>, side input <c>side</c>.
/// A row per kind: an edit of the table that changes a request fails here.
/// </summary>
public sealed class FaultyStateRequestsTests
{
    private static readonly ByteString Key = ByteString.CopyFrom(0x01, 0x61);
    private static readonly ByteString Window = ByteString.CopyFrom(0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xE7, 0x00);
    private static readonly FaultSite Site = new("Faulty", Key, Window, "side");

    public static TheoryData<string, StateKey, string, string?> Requests => new()
    {
        // A bag the transform never declared, for the element's key and window.
        { "undeclared_state", Bag("undeclared", Key, Window), "Get", null },
        // The bag 'buffer' as multimap keys: a get, an append of 00.
        { "wrong_protocol", new() { MultimapKeysUserState = new() { TransformId = "Faulty", UserStateId = "buffer", Key = Key, Window = Window } }, "Get", null },
        { "append_multimap_keys", new() { MultimapKeysUserState = new() { TransformId = "Faulty", UserStateId = "buffer", Key = Key, Window = Window } }, "Append", "00" },
        // 'buffer' for key FFFE, the empty key, window 00.
        { "foreign_key", Bag("buffer", ByteString.CopyFrom(0xFF, 0xFE), Window), "Get", null },
        { "empty_key", Bag("buffer", ByteString.Empty, Window), "Get", null },
        { "bad_window", Bag("buffer", Key, ByteString.CopyFrom(0x00)), "Get", null },
        // The side input 'side' in the element's window: appended 00, cleared.
        { "append_side_input", Iterable("side", Window), "Append", "00" },
        { "clear_side_input", Iterable("side", Window), "Clear", null },
        // Reads: an undeclared side input, 'side' as a multimap (key 00), 'side' in window 00.
        { "unknown_side_input", Iterable("not-a-side-input", Window), "Get", null },
        { "side_input_as_multimap", new() { MultimapSideInput = new() { TransformId = "Faulty", SideInputId = "side", Window = Window, Key = ByteString.CopyFrom(0x00) } }, "Get", null },
        { "side_input_bad_window", Iterable("side", ByteString.CopyFrom(0x00)), "Get", null },
        // The runner key 'fault' (UTF-8 6661756C74): read, appended 00, cleared.
        { "get_runner_state", Runner(), "Get", null },
        { "append_runner_state", Runner(), "Append", "00" },
        { "clear_runner_state", Runner(), "Clear", null },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void Each_kind_sends_its_exact_request(string kind, StateKey key, string verb, string? dataHex)
    {
        var request = FaultyStateRequests.For(kind, Site);

        Assert.Equal(key.TypeCase, request.Key.TypeCase);
        Assert.Equal(key, request.Key);
        Assert.Equal((verb, dataHex), (request.Verb.ToString(), request.Data is null ? null : Convert.ToHexString(request.Data)));
    }

    [Fact]
    public void Every_kind_has_a_row()
    {
        Assert.Equal(Requests.Select(static r => r.Data.Item1).Order(StringComparer.Ordinal), FaultyStateRequests.Kinds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_stage_without_user_state_sends_the_side_input_and_runner_state_reads()
    {
        Assert.Equal(["get_runner_state", "side_input_as_multimap", "side_input_bad_window", "unknown_side_input"], FaultyStateRequests.StatelessReads.Order(StringComparer.Ordinal));
        Assert.Equal(
            ["state_get_runner_state", "state_side_input_as_multimap", "state_side_input_bad_window", "state_unknown_side_input"],
            Misanswer.Kinds.Where(static k => k.StartsWith("state_", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal("get_runner_state", Misanswer.StateRequestOf(new HashSet<string> { "state_get_runner_state" }));
    }

    [Fact]
    public void An_unknown_kind_is_refused_naming_the_kinds()
    {
        var e = Assert.Throws<HarnessException>(() => FaultyStateRequests.For("unsupported_key", Site));

        Assert.StartsWith("'unsupported_key' is no faulty state request (append_multimap_keys, append_runner_state, ", e.Message, StringComparison.Ordinal);
    }

    private static StateKey Bag(string id, ByteString key, ByteString window) =>
        new() { BagUserState = new() { TransformId = "Faulty", UserStateId = id, Key = key, Window = window } };

    private static StateKey Iterable(string sideInputId, ByteString window) =>
        new() { IterableSideInput = new() { TransformId = "Faulty", SideInputId = sideInputId, Window = window } };

    private static StateKey Runner() => new() { Runner = new() { Key = ByteString.CopyFrom(0x66, 0x61, 0x75, 0x6C, 0x74) } };
}
