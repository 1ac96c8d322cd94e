using BeamConformance.Engine;
using BeamConformance.Model;
using BeamConformance.Model.Coders;
using BeamConformance.Model.Windows;
using BeamConformance.ReferenceRunner.Execution.Internal.UserState;
using BeamConformance.ReferenceRunner.FnApi;
using BeamConformance.ReferenceRunner.Translation;

namespace BeamConformance.ReferenceRunner.Execution.Internal.Timers;

/// <summary>
/// The timers of one bundle of a stage with timer families (src/ReferenceRunner/README.md, "Timers"): on creation it
/// takes the stage's committed timers, drops the processing-time timers whose window expired, and picks the timers to
/// fire: for each key the earliest due one (event time first: fire timestamp strictly before the bundle's held input
/// watermark, i.e. the input watermark held back by the stage's unprocessed elements, this bundle's included; then processing time: strictly before the bundle's processing time). Fired timers are consumed; the
/// SDK's sets (replace) and clears (delete) are applied after, in the order it sent them. <see cref="Commit"/> makes
/// the result the stage's committed timers; a failed bundle simply drops the transaction.
/// </summary>
internal sealed class TimerTransaction
{
    private readonly TimerStore _store;
    private readonly ExecutableStagePlan _stage;
    private readonly long _inputWatermark;
    private readonly Dictionary<TimerId, PendingTimer> _timers;
    private readonly List<PendingTimer> _fired = [];
    private readonly StageTimerFamily? _expiry;
    private readonly HashSet<(string KeyHex, string WindowHex)> _expiriesFired;

    /// <param name="store">The job's committed timers.</param>
    /// <param name="stage">The stage with timer families.</param>
    /// <param name="inputWatermarkMillis">The bundle's held input watermark (ms): <see cref="Bundle.HeldInputWatermarkMillis"/>.</param>
    /// <param name="processingTimeMillis">The bundle's processing time (ms).</param>
    /// <param name="stateCells">The stage's committed user-state cells (for on-window-expiration: which keys and windows have state).</param>
    public TimerTransaction(TimerStore store, ExecutableStagePlan stage, long inputWatermarkMillis, long processingTimeMillis, IEnumerable<StateCellId> stateCells)
    {
        _store = store;
        _stage = stage;
        _inputWatermark = inputWatermarkMillis;
        _timers = store.Snapshot(stage.StageId);
        _expiry = stage.TimerFamilies.FirstOrDefault(static f => f.IsWindowExpiration);
        _expiriesFired = store.ExpiriesFired(stage.StageId);
        var expiries = Expiries(stateCells);

        // Only pending event-time timers (expiries included) may still read a window's state: collect no window they could fire in.
        GarbageCollectionWatermark = Math.Min(inputWatermarkMillis, _timers.Values.Concat(expiries).Where(static t => t.IsEventTime).Select(static t => t.FireMillis).DefaultIfEmpty(long.MaxValue).Min());
        foreach (var (id, timer) in _timers.Where(t => !t.Value.IsEventTime && Expired(t.Value.Window)).ToList())
        {
            _timers.Remove(id);
        }

        foreach (var perKey in _timers.Values.Concat(expiries).GroupBy(static t => t.Id.KeyHex).OrderBy(static g => g.Key, StringComparer.Ordinal))
        {
            var next = perKey.Where(t => t.IsEventTime && t.FireMillis < inputWatermarkMillis).OrderBy(static t => t, FireOrder.Instance).FirstOrDefault()
                ?? perKey.Where(t => !t.IsEventTime && t.FireMillis < processingTimeMillis).OrderBy(static t => t, FireOrder.Instance).FirstOrDefault();
            if (next is not null)
            {
                _fired.Add(next);
                _timers.Remove(next.Id);
                if (next.Family.IsWindowExpiration)
                {
                    _expiriesFired.Add((next.Id.KeyHex, next.Id.WindowHex));
                }
            }
        }
    }

    /// <summary>The timers fired in this bundle, in the order they are sent (family by family, keys in byte order).</summary>
    public IReadOnlyList<PendingTimer> Fired => _fired;

    /// <summary>
    /// The input watermark to collect user state at: the bundle's, held back to the earliest event-time timer still set,
    /// so that a timer firing at or before its window's expiry still reads the window's state (Java fires user timers
    /// before the state-cleanup timer of the same window).
    /// </summary>
    public long GarbageCollectionWatermark { get; }

    /// <summary>The hex keys of the fired timers: the bundle's state requests may name them.</summary>
    public IEnumerable<string> FiredKeys => _fired.Select(static t => t.Id.KeyHex);

    /// <summary>One timer endpoint per timer family of the stage, with the encoded timers it fires.</summary>
    public IReadOnlyList<BundleTimerInput> Inputs() =>
        [.. _stage.TimerFamilies.Select(family => new BundleTimerInput(family.TransformId, family.FamilyId,
            [.. _fired.Where(t => t.Family == family).Select(t => (ReadOnlyMemory<byte>)family.Coder.EncodeToArray(t.Value, nested: true))]))];

    /// <summary>Applies the SDK's timer output: per family, each timer sets (replaces) or clears its id in each of its windows.</summary>
    /// <exception cref="TimerRejectedException">The bytes are no timers of the family's coder, or a timer is for a key the bundle did not process.</exception>
    public void Apply(IReadOnlyDictionary<(string TransformId, string TimerFamilyId), IReadOnlyList<ReadOnlyMemory<byte>>> sent, IReadOnlySet<string> bundleKeys)
    {
        foreach (var family in _stage.TimerFamilies)
        {
            if (!sent.TryGetValue((family.TransformId, family.FamilyId), out var chunks))
            {
                continue;
            }

            foreach (var value in Decode(family, chunks))
            {
                var keyHex = Convert.ToHexString(family.Coder.KeyCoder.EncodeToArray(value.UserKey, nested: true));
                if (!bundleKeys.Contains(keyHex))
                {
                    throw new TimerRejectedException($"the SDK set a timer of transform '{family.TransformId}' family '{family.FamilyId}' for key {keyHex}, which is not a key of the bundle (its elements' and fired timers' keys)");
                }

                foreach (var window in value.Windows)
                {
                    var id = new TimerId(family.TransformId, family.FamilyId, keyHex, Convert.ToHexString(family.Coder.WindowCoder.EncodeToArray(window, nested: true)), value.DynamicTimerTag);
                    if (value.ClearBit)
                    {
                        _timers.Remove(id);
                    }
                    else if (family.Domain == TimerDomain.ProcessingTime || value.FireTimestampMillis <= GarbageCollectionTime(window))
                    {
                        _timers[id] = new PendingTimer(id, family, value with { Windows = [window] }, window);
                    }
                    else
                    {
                        // An event-time timer after its window's expiry could never fire: it is not kept (it would hold the watermark forever).
                        _timers.Remove(id);
                    }
                }
            }
        }
    }

    /// <summary>
    /// What the engine needs of the timers after this bundle: count, next event and processing times, holds; the
    /// on-window-expiration timers still to fire (one per key and window in <paramref name="stateCellsAfter"/>) count too.
    /// </summary>
    public TimerSummary Summary(IEnumerable<StateCellId> stateCellsAfter)
    {
        var pending = _timers.Values.Concat(Expiries(stateCellsAfter)).ToList();
        return pending.Count == 0
            ? TimerSummary.None
            : new TimerSummary(
                pending.Count,
                pending.Where(static t => t.IsEventTime).Select(static t => t.FireMillis).DefaultIfEmpty(long.MaxValue).Min(),
                pending.Where(static t => !t.IsEventTime).Select(static t => t.FireMillis).DefaultIfEmpty(long.MaxValue).Min(),
                [.. pending.Select(static t => t.HoldMillis)]);
    }

    /// <summary>The bundle committed: its timers become the stage's.</summary>
    public void Commit() => _store.Commit(_stage.StageId, _timers, _expiriesFired);

    // One on-window-expiration timer per key and window with state whose expiry has not fired: fire timestamp the window's
    // garbage-collection time, output timestamp its max timestamp (Java's OnWindowExpiration output timestamp), no tag.
    private List<PendingTimer> Expiries(IEnumerable<StateCellId> cells)
    {
        if (_expiry is not { } family)
        {
            return [];
        }

        var timers = new List<PendingTimer>();
        foreach (var (keyHex, windowHex) in cells.Where(c => c.TransformId == family.TransformId).Select(static c => (c.KeyHex, c.WindowHex)).Distinct().Where(k => !_expiriesFired.Contains(k)))
        {
            var window = windowHex.Length == 0 && family.Coder.WindowCoder is GlobalWindowCoder
                ? GlobalWindow.Instance
                : (BoundedWindow)family.Coder.WindowCoder.DecodeFrom(Convert.FromHexString(windowHex), nested: true)!;
            var key = family.Coder.KeyCoder.DecodeFrom(Convert.FromHexString(keyHex), nested: true);
            var value = new TimerValue(key, "", [window], false, GarbageCollectionTime(window), window.MaxTimestampMillis, PaneInfo.NoFiring);
            timers.Add(new PendingTimer(new TimerId(family.TransformId, family.FamilyId, keyHex, windowHex, ""), family, value, window));
        }

        return timers;
    }

    private bool Expired(BoundedWindow window) => _inputWatermark >= BeamTime.MaxTimestampMillis || GarbageCollectionTime(window) < _inputWatermark;

    // Max timestamp + allowed lateness, capped at the end of the global window (Java LateDataUtils.garbageCollectionTime;
    // the Engine's WindowingStrategy.GarbageCollectionTime and UserStateStore use the same cap), so the global window
    // expires at its max timestamp whatever the lateness.
    private long GarbageCollectionTime(BoundedWindow window) =>
        window.MaxTimestampMillis > BeamTime.EndOfGlobalWindowMillis - _stage.UserStateAllowedLatenessMillis
            ? BeamTime.EndOfGlobalWindowMillis
            : window.MaxTimestampMillis + _stage.UserStateAllowedLatenessMillis;

    private static List<TimerValue> Decode(StageTimerFamily family, IReadOnlyList<ReadOnlyMemory<byte>> chunks)
    {
        var bytes = chunks.SelectMany(static c => c.ToArray()).ToArray();
        var values = new List<TimerValue>();
        try
        {
            var reader = new CoderReader(bytes);
            while (!reader.AtEnd)
            {
                values.Add(family.Coder.DecodeValue(ref reader, nested: true));
            }
        }
        catch (CoderException e)
        {
            throw new TimerRejectedException($"the SDK's timers of transform '{family.TransformId}' family '{family.FamilyId}' ({Convert.ToHexString(bytes)}) do not decode with {family.Coder.Urn}: {e.Message}");
        }

        return values;
    }

    private sealed class FireOrder : IComparer<PendingTimer>
    {
        public static readonly FireOrder Instance = new();

        // By fire timestamp; at the same time user timers before the window's expiry (Java fires user timers before the
        // state-cleanup timer of the window).
        public int Compare(PendingTimer? x, PendingTimer? y) =>
            x!.FireMillis != y!.FireMillis ? x.FireMillis.CompareTo(y.FireMillis)
            : x.Family.IsWindowExpiration != y.Family.IsWindowExpiration ? x.Family.IsWindowExpiration.CompareTo(y.Family.IsWindowExpiration)
            : string.CompareOrdinal($"{x.Id.FamilyId}\0{x.Id.Tag}\0{x.Id.WindowHex}", $"{y.Id.FamilyId}\0{y.Id.Tag}\0{y.Id.WindowHex}");
    }
}
