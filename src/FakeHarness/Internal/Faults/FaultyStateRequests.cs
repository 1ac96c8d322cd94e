using BeamConformance.FakeHarness.Internal.Operators;
using Google.Protobuf;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness.Internal.Faults;

/// <summary>
/// The named state requests that break the State API contract (beam_fn_api.proto StateKey, StateRequest), sent by a
/// misbehaving harness so that scenarios can check the runner answers <c>StateResponse.error</c> and fails the bundle
/// naming what and where (testdata/README.md, "Harness faults" and "Misanswers"). The <c>timers</c> DoFn's
/// <c>fault KIND</c> command sends any of them; the misanswer transform's <c>state_KIND</c> answers those of
/// <see cref="StatelessReads"/>. Each request is a function of its <see cref="FaultSite"/>.
/// </summary>
internal static class FaultyStateRequests
{
    /// <summary>The key bytes of <c>foreign_key</c> (no element of a string-keyed input has them).</summary>
    public static readonly ByteString ForeignKey = ByteString.CopyFrom(0xFF, 0xFE);

    /// <summary>The window bytes of <c>bad_window</c> and <c>side_input_bad_window</c>: a single 00, which no interval window coder decodes.</summary>
    public static readonly ByteString BadWindow = ByteString.CopyFrom(0x00);

    /// <summary>The key of every <c>runner</c> state request (UTF-8 <c>fault</c>): the runner handed out no such key.</summary>
    public static readonly ByteString RunnerKey = ByteString.CopyFromUtf8("fault");

    /// <summary>The side input id of <c>unknown_side_input</c>.</summary>
    public const string UnknownSideInput = "not-a-side-input";

    private static readonly byte[] OneByte = [0x00];

    private static readonly Dictionary<string, Func<FaultSite, FaultyStateRequest>> Table = new(StringComparer.Ordinal)
    {
        // User state (a keyed stage): a state id the transform never declared; the bag 'buffer' read as multimap keys.
        ["undeclared_state"] = s => Get(Bag(s, "undeclared", s.Key, s.Window)),
        ["wrong_protocol"] = s => Get(MultimapKeys(s)),
        // Multimap keys are get and clear only.
        ["append_multimap_keys"] = s => new(MultimapKeys(s), StateVerb.Append, OneByte),
        // The bag 'buffer' of a key no element of the bundle has, of the empty key, of a window that does not decode.
        ["foreign_key"] = s => Get(Bag(s, "buffer", ForeignKey, s.Window)),
        ["empty_key"] = s => Get(Bag(s, "buffer", ByteString.Empty, s.Window)),
        ["bad_window"] = s => Get(Bag(s, "buffer", s.Key, BadWindow)),
        // Side inputs are read-only.
        ["append_side_input"] = s => new(Iterable(s, s.SideInputId, s.Window), StateVerb.Append, OneByte),
        ["clear_side_input"] = s => new(Iterable(s, s.SideInputId, s.Window), StateVerb.Clear, null),
        // Side-input reads: a side input the transform does not have; an iterable side input as a multimap (key 00); a window that does not decode.
        ["unknown_side_input"] = s => Get(Iterable(s, UnknownSideInput, s.Window)),
        ["side_input_as_multimap"] = s => Get(new StateKey { MultimapSideInput = new() { TransformId = s.TransformId, SideInputId = s.SideInputId, Window = s.Window, Key = ByteString.CopyFrom(OneByte) } }),
        ["side_input_bad_window"] = s => Get(Iterable(s, s.SideInputId, BadWindow)),
        // 'runner' state the runner never offered (it hands out runner keys, e.g. in a data port; this one it did not).
        ["get_runner_state"] = _ => Get(Runner()),
        ["append_runner_state"] = _ => new(Runner(), StateVerb.Append, OneByte),
        ["clear_runner_state"] = _ => new(Runner(), StateVerb.Clear, null),
    };

    /// <summary>Every kind.</summary>
    public static IReadOnlySet<string> Kinds { get; } = Table.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The kinds that are reads of no user state (side inputs, <c>runner</c> state): a stage without user state, such
    /// as the misanswer transform's, can send them.
    /// </summary>
    public static IReadOnlySet<string> StatelessReads { get; } = Table
        .Where(static k => k.Value(new FaultSite("", ByteString.Empty, ByteString.Empty, "")) is { Verb: StateVerb.Get } r && StateKinds.UserStateId(r.Key) is null)
        .Select(static k => k.Key).ToHashSet(StringComparer.Ordinal);

    /// <summary>The request of <paramref name="kind"/> sent from <paramref name="site"/>.</summary>
    /// <exception cref="HarnessException"><paramref name="kind"/> is not one of <see cref="Kinds"/>.</exception>
    public static FaultyStateRequest For(string kind, FaultSite site) =>
        Table.TryGetValue(kind, out var build) ? build(site) : throw new HarnessException($"'{kind}' is no faulty state request ({string.Join(", ", Kinds.Order(StringComparer.Ordinal))})");

    /// <summary>Sends the request of <paramref name="kind"/> from <paramref name="site"/>; returns when the runner accepted it.</summary>
    /// <exception cref="HarnessException">The runner answered with an error (what the fault expects; the message carries it).</exception>
    public static async Task SendAsync(BundleContext context, string kind, FaultSite site)
    {
        var request = For(kind, site);
        if (request.Verb == StateVerb.Get)
        {
            await context.ReadStateAsync(request.Key, SideInputIdOf(request.Key)).ConfigureAwait(false);
        }
        else
        {
            await context.WriteStateAsync(request.Key, request.Verb == StateVerb.Append ? request.Data : null).ConfigureAwait(false);
        }
    }

    private static FaultyStateRequest Get(StateKey key) => new(key, StateVerb.Get, null);

    private static StateKey Bag(FaultSite s, string id, ByteString key, ByteString window) =>
        new() { BagUserState = new() { TransformId = s.TransformId, UserStateId = id, Key = key, Window = window } };

    private static StateKey MultimapKeys(FaultSite s) =>
        new() { MultimapKeysUserState = new() { TransformId = s.TransformId, UserStateId = "buffer", Key = s.Key, Window = s.Window } };

    private static StateKey Iterable(FaultSite s, string sideInputId, ByteString window) =>
        new() { IterableSideInput = new() { TransformId = s.TransformId, SideInputId = sideInputId, Window = window } };

    private static StateKey Runner() => new() { Runner = new() { Key = RunnerKey } };

    private static string? SideInputIdOf(StateKey key) => key.TypeCase switch
    {
        StateKey.TypeOneofCase.IterableSideInput => key.IterableSideInput.SideInputId,
        StateKey.TypeOneofCase.MultimapSideInput => key.MultimapSideInput.SideInputId,
        _ => null,
    };
}
