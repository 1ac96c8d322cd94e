using System.Globalization;
using System.Text;
using BeamConformance.Engine;
using BeamConformance.Model;
using BeamConformance.Model.Windows;
using BeamConformance.ReferenceRunner.Translation;
using Google.Protobuf;

namespace BeamConformance.ReferenceRunner.Execution.Internal.UserState;

/// <summary>
/// The committed user state of one job, per transform, state id, key and window. A bundle works on a
/// <see cref="UserStateTransaction"/>; its changes replace the committed cells at once when the bundle commits and are
/// dropped when it fails. Each stateful stage has a user-state cache token (ProcessBundleRequest.cache_tokens) that
/// changes whenever committed state changes other than by the SDK's own successful writes: after a failed bundle
/// (the SDK may have cached the discarded writes) and after garbage collection. Thread-safe.
/// </summary>
internal sealed class UserStateStore(string jobId)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<StateCellId, StateCell> _cells = [];
    private readonly Dictionary<StageId, int> _generations = [];

    /// <summary>How many non-empty cells are committed.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _cells.Count;
            }
        }
    }

    /// <summary>The committed cells, for diagnostics and tests.</summary>
    public IReadOnlyList<StateCellId> Cells()
    {
        lock (_lock)
        {
            return [.. _cells.Keys];
        }
    }

    /// <summary>A copy of a committed cell, or null when it is empty.</summary>
    public StateCell? Read(StateCellId id)
    {
        lock (_lock)
        {
            return _cells.TryGetValue(id, out var cell) ? cell.Clone() : null;
        }
    }

    /// <summary>The stage's current user-state cache token (<c>CacheToken.user_state</c>), e.g. <c>job-1/stage2/user-state/0</c>.</summary>
    public ByteString CacheToken(StageId stage)
    {
        lock (_lock)
        {
            var generation = _generations.GetValueOrDefault(stage);
            return ByteString.CopyFrom(Encoding.UTF8.GetBytes($"{jobId}/{stage}/user-state/{generation.ToString(CultureInfo.InvariantCulture)}"));
        }
    }

    /// <summary>Replaces the committed cells by a bundle's versions, at once (an empty version removes the cell).</summary>
    public void Commit(IReadOnlyDictionary<StateCellId, StateCell> changed)
    {
        lock (_lock)
        {
            foreach (var (id, cell) in changed)
            {
                if (cell.IsEmpty)
                {
                    _cells.Remove(id);
                }
                else
                {
                    _cells[id] = cell;
                }
            }
        }
    }

    /// <summary>A bundle of <paramref name="stage"/> failed: its writes are dropped, so SDK caches under the old token are stale.</summary>
    public void Invalidate(StageId stage)
    {
        lock (_lock)
        {
            _generations[stage] = _generations.GetValueOrDefault(stage) + 1;
        }
    }

    /// <summary>
    /// Removes the stage's cells whose window expired: <c>window.MaxTimestamp + allowed lateness</c> (capped at the global
    /// window's max timestamp, Java's <c>LateDataUtils.garbageCollectionTime</c>) before
    /// <paramref name="inputWatermarkMillis"/> (every window at <see cref="BeamTime.MaxTimestampMillis"/>, the end of input).
    /// </summary>
    /// <returns>How many cells were removed (the cache token changes when any was).</returns>
    /// <exception cref="Model.Coders.CoderException">A stored window does not decode with the stage's window coder (a runner bug: it was checked when written).</exception>
    public int CollectGarbage(ExecutableStagePlan stage, long inputWatermarkMillis)
    {
        var transforms = stage.UserStates.Select(static s => s.TransformId).ToHashSet(StringComparer.Ordinal);
        lock (_lock)
        {
            var expired = _cells.Keys
                .Where(id => transforms.Contains(id.TransformId) && Expired(stage, id.WindowHex, inputWatermarkMillis))
                .ToList();
            foreach (var id in expired)
            {
                _cells.Remove(id);
            }

            if (expired.Count > 0)
            {
                _generations[stage.StageId] = _generations.GetValueOrDefault(stage.StageId) + 1;
            }

            return expired.Count;
        }
    }

    /// <summary>The max timestamp of a state key's window, decoded with the stateful input's window coder.</summary>
    /// <exception cref="ArgumentException">The bytes are no window of that coder.</exception>
    public static long WindowMaxTimestamp(ExecutableStagePlan stage, ReadOnlySpan<byte> window)
    {
        var coder = stage.Inputs[0].Coding.WindowCoder;
        if (window.IsEmpty && coder is Model.Coders.GlobalWindowCoder)
        {
            return GlobalWindow.Instance.MaxTimestampMillis;
        }

        try
        {
            return (coder.DecodeFrom(window, nested: true) as BoundedWindow)?.MaxTimestampMillis
                ?? throw new ArgumentException($"window bytes {Convert.ToHexString(window)} do not decode to a window with {coder.Urn}");
        }
        catch (Model.Coders.CoderException e)
        {
            throw new ArgumentException($"window bytes {Convert.ToHexString(window)} do not decode with the stateful input's window coder {coder.Urn}: {e.Message}", e);
        }
    }

    private static bool Expired(ExecutableStagePlan stage, string windowHex, long watermark)
    {
        if (watermark >= BeamTime.MaxTimestampMillis)
        {
            return true;
        }

        var max = WindowMaxTimestamp(stage, Convert.FromHexString(windowHex));
        var lateness = stage.UserStateAllowedLatenessMillis;
        var gcTime = max > BeamTime.EndOfGlobalWindowMillis - lateness ? BeamTime.EndOfGlobalWindowMillis : max + lateness;
        return gcTime < watermark;
    }
}
