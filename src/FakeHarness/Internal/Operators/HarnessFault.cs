using Google.Protobuf;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness.Internal.Operators;

/// <summary>
/// The deliberately wrong state requests of the <c>timers</c> test DoFn's <c>fault KIND</c> command (testdata/README.md,
/// "Timers", "Harness faults"): each breaks one rule of the State API the way a misbehaving SDK harness would, so that
/// scenarios can check the runner refuses it (StateResponse.error) and fails the bundle naming what and where.
/// The timer faults (<c>timer_foreign_key</c>, <c>timer_bad_bytes</c>) are applied by <see cref="TimerOperator"/>.
/// </summary>
internal static class HarnessFault
{
    /// <summary>Every fault kind, state and timer.</summary>
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "undeclared_state", "wrong_protocol", "foreign_key", "empty_key", "bad_window", "append_side_input", "clear_side_input",
        "append_runner_state", "clear_runner_state", "get_runner_state", "append_multimap_keys", "timer_foreign_key", "timer_bad_bytes",
    };

    /// <summary>The key bytes of <c>foreign_key</c> (no element of a string-keyed input has them).</summary>
    public static readonly byte[] ForeignKey = [0xFF, 0xFE];

    /// <summary>
    /// Sends the faulty state request of <paramref name="kind"/> for the transform <paramref name="transformId"/>, with the
    /// element's (or firing timer's) encoded key and window; the runner's error surfaces as a <see cref="HarnessException"/>.
    /// </summary>
    /// <exception cref="HarnessException">The runner answered with an error (what the fault expects), or it did not and the fault is reported.</exception>
    public static async Task SendAsync(BundleContext context, string kind, string transformId, ByteString key, ByteString window)
    {
        StateKey Bag(string id, ByteString k, ByteString w) => new() { BagUserState = new() { TransformId = transformId, UserStateId = id, Key = k, Window = w } };
        StateKey SideInput() => new() { IterableSideInput = new() { TransformId = transformId, SideInputId = "side", Window = window } };
        StateKey Runner() => new() { Runner = new() { Key = ByteString.CopyFromUtf8("fault") } };
        StateKey MultimapKeys() => new() { MultimapKeysUserState = new() { TransformId = transformId, UserStateId = "buffer", Key = key, Window = window } };

        // (state key, what to send: Read, an append of these bytes, or a clear)
        (StateKey Key, Request What, byte[]? Data) request = kind switch
        {
            "undeclared_state" => (Bag("undeclared", key, window), Request.Read, null),
            "wrong_protocol" => (MultimapKeys(), Request.Read, null),
            "append_multimap_keys" => (MultimapKeys(), Request.Append, [0x00]),
            "foreign_key" => (Bag("buffer", ByteString.CopyFrom(ForeignKey), window), Request.Read, null),
            "empty_key" => (Bag("buffer", ByteString.Empty, window), Request.Read, null),
            "bad_window" => (Bag("buffer", key, ByteString.CopyFrom(0x00)), Request.Read, null),
            "append_side_input" => (SideInput(), Request.Append, [0x00]),
            "clear_side_input" => (SideInput(), Request.Clear, null),
            "append_runner_state" => (Runner(), Request.Append, [0x00]),
            "clear_runner_state" => (Runner(), Request.Clear, null),
            "get_runner_state" => (Runner(), Request.Read, null),
            _ => throw new HarnessException($"fault '{kind}' is no state fault"),
        };
        if (request.What == Request.Read)
        {
            await context.ReadStateAsync(request.Key, null).ConfigureAwait(false);
        }
        else
        {
            await context.WriteStateAsync(request.Key, request.Data).ConfigureAwait(false);
        }

        throw new HarnessException($"fault '{kind}': the runner accepted the faulty state request", transformId);
    }

    private enum Request
    {
        Read,
        Append,
        Clear,
    }
}
