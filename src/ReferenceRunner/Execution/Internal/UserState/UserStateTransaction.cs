using BeamConformance.Model;
using BeamConformance.ReferenceRunner.FnApi;
using BeamConformance.ReferenceRunner.Translation;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.ReferenceRunner.Execution.Internal.UserState;

/// <summary>
/// The State API of one bundle of a stateful stage: user state (bag, multimap keys, multimap, ordered list) read and
/// written against a private copy of the touched cells, committed at once by <see cref="Commit"/> when the bundle
/// commits (nothing reaches the store when it fails); side-input reads go to <paramref name="sideInputs"/>.
/// A request for a key that is not one of the bundle's input keys, for a state the transform does not declare, or
/// over the wrong protocol for it, is rejected (<see cref="StateRequestRejectedException"/>: the bundle fails).
/// </summary>
/// <param name="store">The job's committed user state.</param>
/// <param name="stage">The stateful stage.</param>
/// <param name="keys">The bundle's input keys (nested encodings, hex), the only keys its requests may name.</param>
/// <param name="sideInputs">The stage's side-input reads, or null.</param>
internal sealed class UserStateTransaction(UserStateStore store, ExecutableStagePlan stage, IReadOnlySet<string> keys, IBundleStateSource? sideInputs) : IBundleStateSource
{
    private readonly Lock _lock = new();
    private readonly Dictionary<StateCellId, StateCell> _changed = [];

    public IReadOnlyList<ReadOnlyMemory<byte>> Get(StateKey key)
    {
        lock (_lock)
        {
            switch (key.TypeCase)
            {
                case StateKey.TypeOneofCase.BagUserState:
                    return [.. Read(key).Bag.Select(static b => (ReadOnlyMemory<byte>)b)];
                case StateKey.TypeOneofCase.MultimapKeysUserState:
                    return [.. Read(key).Map.Select(static m => (ReadOnlyMemory<byte>)m.MapKey)];
                case StateKey.TypeOneofCase.MultimapUserState:
                {
                    var cell = Read(key);
                    var at = cell.MapIndex(key.MultimapUserState.MapKey.Span);
                    return at < 0 ? [] : [.. cell.Map[at].Values.Select(static v => (ReadOnlyMemory<byte>)v)];
                }

                case StateKey.TypeOneofCase.OrderedListUserState:
                {
                    var (start, end) = Range(key.OrderedListUserState.Range);
                    return [.. Read(key).Sorted.Where(e => e.SortKey >= start && e.SortKey < end).Select(static e => (ReadOnlyMemory<byte>)e.Entry)];
                }

                default:
                    return sideInputs?.Get(key) ?? throw new NotSupportedException($"state key {key.TypeCase} is not served by this runner (stage '{stage.StageId}' has no side inputs)");
            }
        }
    }

    public void Append(StateKey key, ReadOnlyMemory<byte> data)
    {
        lock (_lock)
        {
            switch (key.TypeCase)
            {
                case StateKey.TypeOneofCase.BagUserState:
                    Write(key).Bag.Add(data.ToArray());
                    return;
                case StateKey.TypeOneofCase.MultimapUserState:
                {
                    var cell = Write(key);
                    var mapKey = key.MultimapUserState.MapKey.Span;
                    var at = cell.MapIndex(mapKey);
                    if (at < 0)
                    {
                        cell.Map.Add((mapKey.ToArray(), []));
                        at = cell.Map.Count - 1;
                    }

                    cell.Map[at].Values.Add(data.ToArray());
                    return;
                }

                case StateKey.TypeOneofCase.OrderedListUserState:
                {
                    // The range of an append's key is not read: entries carry their own sort keys.
                    var entries = OrderedListEntries.Split(data.Span);
                    var cell = Write(key);
                    foreach (var (sortKey, entry) in entries)
                    {
                        cell.InsertSorted(sortKey, entry);
                    }

                    return;
                }

                case StateKey.TypeOneofCase.MultimapKeysUserState:
                    throw new StateRequestRejectedException(
                        $"append to multimap_keys_user_state '{key.MultimapKeysUserState.UserStateId}' of transform '{key.MultimapKeysUserState.TransformId}': the keys of a multimap are get and clear only (append with multimap_user_state and a map_key)");
                default:
                    if (sideInputs is null)
                    {
                        throw StateRequestRejectedException.IsSideInput(key)
                            ? StateRequestRejectedException.ReadOnlySideInput(key, append: true)
                            : new StateRequestRejectedException($"append to {key.TypeCase} state: stage '{stage.StageId}' serves no such state");
                    }

                    sideInputs.Append(key, data);
                    return;
            }
        }
    }

    public void Clear(StateKey key)
    {
        lock (_lock)
        {
            switch (key.TypeCase)
            {
                case StateKey.TypeOneofCase.BagUserState:
                    Write(key).Bag.Clear();
                    return;
                case StateKey.TypeOneofCase.MultimapKeysUserState:
                    Write(key).Map.Clear();
                    return;
                case StateKey.TypeOneofCase.MultimapUserState:
                {
                    var cell = Write(key);
                    var at = cell.MapIndex(key.MultimapUserState.MapKey.Span);
                    if (at >= 0)
                    {
                        cell.Map.RemoveAt(at);
                    }

                    return;
                }

                case StateKey.TypeOneofCase.OrderedListUserState:
                {
                    var (start, end) = Range(key.OrderedListUserState.Range);
                    Write(key).Sorted.RemoveAll(e => e.SortKey >= start && e.SortKey < end);
                    return;
                }

                default:
                    if (sideInputs is null)
                    {
                        throw StateRequestRejectedException.IsSideInput(key)
                            ? StateRequestRejectedException.ReadOnlySideInput(key, append: false)
                            : new StateRequestRejectedException($"clear of {key.TypeCase} state: stage '{stage.StageId}' serves no such state");
                    }

                    sideInputs.Clear(key);
                    return;
            }
        }
    }

    /// <summary>The cells this bundle changed, with their new contents (empty: cleared).</summary>
    public IReadOnlyDictionary<StateCellId, StateCell> Changed()
    {
        lock (_lock)
        {
            return new Dictionary<StateCellId, StateCell>(_changed);
        }
    }

    /// <summary>Makes the bundle's changes the committed state, at once.</summary>
    public void Commit()
    {
        lock (_lock)
        {
            store.Commit(_changed);
        }
    }

    private StateCell Read(StateKey key)
    {
        var id = Resolve(key);
        return _changed.TryGetValue(id, out var mine) ? mine : store.Read(id) ?? new StateCell();
    }

    private StateCell Write(StateKey key)
    {
        var id = Resolve(key);
        if (!_changed.TryGetValue(id, out var mine))
        {
            mine = store.Read(id) ?? new StateCell();
            _changed[id] = mine;
        }

        return mine;
    }

    // [start, end) of an ordered-list request; no range means every sort key.
    private static (long Start, long End) Range(OrderedListRange? range) =>
        range is null ? (long.MinValue, long.MaxValue) : (range.Start, range.End);

    private StateCellId Resolve(StateKey key)
    {
        var (transformId, stateId, window, userKey, protocol) = key.TypeCase switch
        {
            StateKey.TypeOneofCase.BagUserState => (key.BagUserState.TransformId, key.BagUserState.UserStateId, key.BagUserState.Window, key.BagUserState.Key, Urns.UserState.Bag),
            StateKey.TypeOneofCase.MultimapKeysUserState => (key.MultimapKeysUserState.TransformId, key.MultimapKeysUserState.UserStateId, key.MultimapKeysUserState.Window, key.MultimapKeysUserState.Key, Urns.UserState.Multimap),
            StateKey.TypeOneofCase.MultimapUserState => (key.MultimapUserState.TransformId, key.MultimapUserState.UserStateId, key.MultimapUserState.Window, key.MultimapUserState.Key, Urns.UserState.Multimap),
            _ => (key.OrderedListUserState.TransformId, key.OrderedListUserState.UserStateId, key.OrderedListUserState.Window, key.OrderedListUserState.Key, Urns.UserState.OrderedList),
        };
        var declared = stage.UserStates.FirstOrDefault(s => s.TransformId == transformId && s.StateId == stateId)
            ?? throw new StateRequestRejectedException(
                $"{key.TypeCase} '{stateId}' of transform '{transformId}': no such user state in stage '{stage.StageId}' (declared: {string.Join(", ", stage.UserStates.Select(static s => s.TransformId + "/" + s.StateId))})");
        if (declared.ProtocolUrn != protocol)
        {
            throw new StateRequestRejectedException(
                $"{key.TypeCase} '{stateId}' of transform '{transformId}': the state is declared with protocol {declared.ProtocolUrn}, not read or written as {protocol}");
        }

        var keyHex = Convert.ToHexString(userKey.Span);
        if (!keys.Contains(keyHex))
        {
            throw new StateRequestRejectedException(
                $"{key.TypeCase} '{stateId}' of transform '{transformId}': key {(keyHex.Length == 0 ? "(empty)" : keyHex)} is not a key of this bundle's input (keys: {string.Join(", ", keys.Order(StringComparer.Ordinal))})");
        }

        try
        {
            UserStateStore.WindowMaxTimestamp(stage, window.Span);
        }
        catch (ArgumentException e)
        {
            throw new StateRequestRejectedException($"{key.TypeCase} '{stateId}' of transform '{transformId}': {e.Message}", e);
        }

        return StateCellId.Of(transformId, stateId, userKey.Span, window.Span);
    }
}
