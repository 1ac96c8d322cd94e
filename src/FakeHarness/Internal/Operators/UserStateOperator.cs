using System.Collections.Concurrent;
using System.Globalization;
using BeamConformance.FakeHarness.Internal.Functions;
using BeamConformance.Model;
using BeamConformance.Model.Coders;
using BeamConformance.Model.Windows;
using Google.Protobuf;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness.Internal.Operators;

/// <summary>
/// The stateful test DoFns (testdata/README.md, "State"): each reads a <c>KV&lt;K, V&gt;</c> and keeps user state for
/// the element's key and window over the State API, reading back what it wrote (no cache):
/// <list type="bullet">
/// <item><c>bag_state</c> (state <c>bag</c>, elements coded as V): appends V, emits <c>KV(K, count)</c> or, with
/// <c>emit: values</c>, <c>KV(K, every value so far)</c>; with <c>fail_once_on: X</c> it fails its first bundle that
/// meets X, after appending it (the retry must not see that append).</item>
/// <item><c>multimap_state</c> (state <c>map</c>, string keys and values): V is a command, <c>put k v</c>,
/// <c>get k</c> (emits <c>"k=[v1,v2]"</c>), <c>keys</c> (emits <c>"keys=[a,b]"</c>), <c>remove k</c>, <c>clear</c>.</item>
/// <item><c>ordered_list_state</c> (state <c>sorted</c>, string values): <c>add n v</c>, <c>read [a b]</c> (emits
/// <c>"[n:v,...]"</c> of the half-open range, all without one), <c>clear [a b]</c>; <c>add_raw HEX</c> appends those bytes
/// as they are and <c>read_hex</c> emits the whole list's bytes in hex, read without a range (entries the runner must keep exactly).</item>
/// </list>
/// </summary>
internal sealed class UserStateOperator : Operator
{
    private static readonly ConcurrentDictionary<string, bool> FailedOnce = new(StringComparer.Ordinal);
    private readonly string _kind;
    private readonly KvCoder _input;
    private readonly Coder _windowCoder;
    private readonly bool _emitValues;
    private readonly object? _failOnceOn;

    public UserStateOperator(TransformNode node, BundleContext context, IReadOnlyDictionary<string, OutputPort> outputs, string kind, KvCoder input, Coder windowCoder, bool emitValues, object? failOnceOn)
        : base(node, context, outputs)
    {
        _kind = kind;
        _input = input;
        _windowCoder = windowCoder;
        _emitValues = emitValues;
        _failOnceOn = failOnceOn;
    }

    protected override async ValueTask OnProcessAsync(WindowedValue<object?> element)
    {
        if (element.Value is not KV kv)
        {
            throw new HarnessException($"transform '{Name}' needs KV elements, got {JsonValues.Format(element.Value)}", Name);
        }

        var key = ByteString.CopyFrom(_input.KeyCoder.EncodeToArray(kv.Key, nested: true));
        foreach (var window in element.Windows)
        {
            var windowBytes = ByteString.CopyFrom(_windowCoder.EncodeToArray(window, nested: true));
            var result = _kind switch
            {
                HarnessUrns.BagState => await BagAsync(key, windowBytes, kv.Value).ConfigureAwait(false),
                HarnessUrns.MultimapState => await MultimapAsync(key, windowBytes, Command(kv.Value)).ConfigureAwait(false),
                _ => await OrderedListAsync(key, windowBytes, Command(kv.Value)).ConfigureAwait(false),
            };
            if (result is not null && Single is { } output)
            {
                await EmitShapedAsync(output, element with { Windows = [window] }, new KV(kv.Key, result)).ConfigureAwait(false);
            }
        }
    }

    private async Task<object?> BagAsync(ByteString key, ByteString window, object? value)
    {
        var state = new StateKey { BagUserState = new() { TransformId = Node.Id, UserStateId = "bag", Key = key, Window = window } };
        var before = BundleContext.DecodeAll(await Context.ReadStateAsync(state, null).ConfigureAwait(false), _input.ValueCoder, $"transform '{Name}' bag");
        await Context.WriteStateAsync(state, _input.ValueCoder.EncodeToArray(value, nested: true)).ConfigureAwait(false);
        if (_failOnceOn is not null && ValueCompare.Matches(_failOnceOn, value)
            && FailedOnce.TryAdd($"{Context.RunId}/{Node.Id}/{key.ToBase64()}/{window.ToBase64()}/{JsonValues.Format(value)}", true))
        {
            throw new HarnessException($"deliberate failure after writing state (bag_state transform '{Name}' on value {JsonValues.Format(value)}, first attempt)", Name);
        }

        return _emitValues ? (object)before.Append(value).ToArray() : (long)before.Length + 1;
    }

    private async Task<object?> MultimapAsync(ByteString key, ByteString window, string[] command)
    {
        StateKey Values(string mapKey) => new()
        {
            MultimapUserState = new()
            {
                TransformId = Node.Id, UserStateId = "map", Key = key, Window = window, MapKey = ByteString.CopyFrom(StringUtf8Coder.Instance.EncodeToArray(mapKey, nested: true)),
            },
        };
        var keys = new StateKey { MultimapKeysUserState = new() { TransformId = Node.Id, UserStateId = "map", Key = key, Window = window } };
        switch (command)
        {
            case ["put", var k, var v]:
                await Context.WriteStateAsync(Values(k), StringUtf8Coder.Instance.EncodeToArray(v, nested: true)).ConfigureAwait(false);
                return null;
            case ["get", var k]:
                return $"{k}=[{string.Join(",", await ReadStringsAsync(Values(k)).ConfigureAwait(false))}]";
            case ["keys"]:
                return $"keys=[{string.Join(",", await ReadStringsAsync(keys).ConfigureAwait(false))}]";
            case ["remove", var k]:
                await Context.WriteStateAsync(Values(k), null).ConfigureAwait(false);
                return null;
            case ["clear"]:
                await Context.WriteStateAsync(keys, null).ConfigureAwait(false);
                return null;
            default:
                throw new HarnessException($"transform '{Name}': '{string.Join(" ", command)}' is not a multimap command (put k v, get k, keys, remove k, clear)", Name);
        }
    }

    private async Task<object?> OrderedListAsync(ByteString key, ByteString window, string[] command)
    {
        StateKey Sorted(long start, long end) => new()
        {
            OrderedListUserState = new() { TransformId = Node.Id, UserStateId = "sorted", Key = key, Window = window, Range = new() { Start = start, End = end } },
        };
        switch (command)
        {
            case ["add", var n, var v]:
            {
                var entry = new System.Buffers.ArrayBufferWriter<byte>();
                var writer = new CoderWriter(entry);
                writer.WriteVarInt64(Long(n));
                var value = StringUtf8Coder.Instance.EncodeToArray(v, nested: true);
                writer.WriteLengthPrefixed(value);
                await Context.WriteStateAsync(new StateKey { OrderedListUserState = new() { TransformId = Node.Id, UserStateId = "sorted", Key = key, Window = window } }, entry.WrittenSpan.ToArray()).ConfigureAwait(false);
                return null;
            }

            case ["add_raw", var hex]:
                // The append's data exactly as given (entries the SDK encoded itself: KV<varint sort key, length-prefixed value>).
                await Context.WriteStateAsync(Sorted(long.MinValue, long.MaxValue), Hex(hex)).ConfigureAwait(false);
                return null;
            case ["read_hex"]:
                // No range at all: the whole list (an unset OrderedListRange).
                return Convert.ToHexString(await Context.ReadStateAsync(new StateKey { OrderedListUserState = new() { TransformId = Node.Id, UserStateId = "sorted", Key = key, Window = window } }, null).ConfigureAwait(false));
            case ["read"]:
                return await ReadSortedAsync(Sorted(long.MinValue, long.MaxValue)).ConfigureAwait(false);
            case ["read", var a, var b]:
                return await ReadSortedAsync(Sorted(Long(a), Long(b))).ConfigureAwait(false);
            case ["clear"]:
                await Context.WriteStateAsync(Sorted(long.MinValue, long.MaxValue), null).ConfigureAwait(false);
                return null;
            case ["clear", var a, var b]:
                await Context.WriteStateAsync(Sorted(Long(a), Long(b)), null).ConfigureAwait(false);
                return null;
            default:
                throw new HarnessException($"transform '{Name}': '{string.Join(" ", command)}' is not an ordered-list command (add n v, add_raw HEX, read [a b], read_hex, clear [a b])", Name);
        }

        byte[] Hex(string text) => text.Length % 2 == 0 && text.All(Uri.IsHexDigit)
            ? Convert.FromHexString(text)
            : throw new HarnessException($"transform '{Name}': '{text}' is not hex bytes", Name);

        long Long(string text) => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new HarnessException($"transform '{Name}': '{text}' is not a sort key (int64)", Name);
    }

    private async Task<string> ReadSortedAsync(StateKey key)
    {
        var bytes = await Context.ReadStateAsync(key, null).ConfigureAwait(false);
        var entries = new List<string>();
        try
        {
            var reader = new CoderReader(bytes);
            while (!reader.AtEnd)
            {
                var sortKey = reader.ReadVarInt64(Urns.UserState.OrderedList);
                var inner = reader.ReadSubReader(Urns.UserState.OrderedList, reader.ReadLength(Urns.UserState.OrderedList));
                entries.Add($"{sortKey.ToString(CultureInfo.InvariantCulture)}:{StringUtf8Coder.Instance.Decode(ref inner, nested: true)}");
            }
        }
        catch (CoderException e)
        {
            throw new HarnessException($"transform '{Name}': the runner's ordered-list data {Convert.ToHexString(bytes)} is not KV<varint, length-prefixed string>: {e.Message}", Name, e);
        }

        return $"[{string.Join(",", entries)}]";
    }

    private async Task<IEnumerable<string>> ReadStringsAsync(StateKey key) =>
        BundleContext.DecodeAll(await Context.ReadStateAsync(key, null).ConfigureAwait(false), StringUtf8Coder.Instance, $"transform '{Name}' {key.TypeCase}")
            .Select(static v => (string)v!);

    private string[] Command(object? value) =>
        value is string text
            ? text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : throw new HarnessException($"transform '{Name}': commands are strings, got {JsonValues.Format(value)}", Name);
}
