using System.Text.Json;
using BeamConformance.FakeHarness.Internal.Functions;
using BeamConformance.Model;
using BeamConformance.Model.Coders;

namespace BeamConformance.FakeHarness.Internal.Sdf;

/// <summary>
/// The test splittable DoFn <c>beamconformance:transform:offset_range_sdf:v1</c> (testdata/README.md, "Splittable
/// DoFns"), compiled from its JSON payload: each element gets the offset range <c>restriction</c> (an element function
/// giving an int n for <c>[0, n)</c> or a KV <c>[from, to]</c>); initial splits of <c>initial_split_size</c> offsets;
/// each claimed offset emits <c>output</c> applied to <c>KV(element, offset)</c> (default: that KV), at the element's
/// timestamp plus <c>timestamp_per_offset_ms × offset</c> when given; <c>await_split</c> makes the first claim of each
/// bundle wait (up to <see cref="AwaitSplitTimeout"/>) for the runner's split request (<c>true</c>), or for N of them (an
/// int N: a runner splitting on progress may split the stalled element again; an answer without a split ends the wait
/// too), so that split points are deterministic; <c>watermark</c> drives a manual watermark estimator (<see cref="Watermark"/>). With <c>side_input: NAME</c> the Process part reads that side input (in
/// the element's window, mapped by the side input's window mapping) and <c>output</c> is applied to
/// <c>KV(KV(element, offset), seen)</c> instead; with <c>restriction_reads_side_input</c> PairWithRestriction reads it too
/// and <c>restriction</c> gets <c>KV(element, seen)</c>.
/// </summary>
/// <remarks>
/// The restriction coder (<c>ParDoPayload.restriction_coder_id</c>) must be <c>KV&lt;KV&lt;varint from, varint to&gt;,
/// varint&gt;</c>: the offset range and the watermark-estimator state, the estimator's watermark in ms (initially the
/// element's timestamp, as Java's monotonically increasing estimator starts).
/// </remarks>
internal sealed class OffsetRangeSdf
{
    /// <summary>How long the first claim of a bundle waits for a split request when <c>await_split</c> is set.</summary>
    public static readonly TimeSpan AwaitSplitTimeout = TimeSpan.FromSeconds(5);

    private readonly Func<object?, object?> _restriction;
    private readonly Func<object?, object?> _emit;

    private OffsetRangeSdf(Func<object?, object?> restriction, Func<object?, object?> emit, long? timestampPerOffsetMillis, long? initialSplitSize, int awaitSplits)
    {
        _restriction = restriction;
        _emit = emit;
        TimestampPerOffsetMillis = timestampPerOffsetMillis;
        InitialSplitSize = initialSplitSize;
        AwaitSplits = awaitSplits;
    }

    /// <summary>Output timestamp step per offset (ms), or null to keep the element's timestamp.</summary>
    public long? TimestampPerOffsetMillis { get; }

    /// <summary>The size (offsets) of the initial splits, or null for one restriction per element.</summary>
    public long? InitialSplitSize { get; }

    /// <summary>True when the first claim of each bundle waits for split requests.</summary>
    public bool AwaitSplit => AwaitSplits > 0;

    /// <summary>How many split requests (answered with a split or not) the first claim of each bundle waits for: 0 for none.</summary>
    public int AwaitSplits { get; }

    /// <summary>
    /// The local name of the side input the Process part reads (<c>side_input</c>), or null when it reads none. Each
    /// claimed offset then emits <c>output</c> applied to <c>KV(KV(element, offset), seen)</c>, <c>seen</c> being the
    /// side input's view in the element's (single) window.
    /// </summary>
    public string? SideInput { get; private init; }

    /// <summary>
    /// True (<c>restriction_reads_side_input</c>) when PairWithRestriction reads <see cref="SideInput"/> too, in the
    /// element's window, and <c>restriction</c> is applied to <c>KV(element, seen)</c>: as a Java DoFn whose
    /// <c>@GetInitialRestriction</c> method takes a <c>@SideInput</c> parameter.
    /// </summary>
    public bool RestrictionReadsSideInput { get; private init; }

    /// <summary>
    /// Self-checkpointing (<c>checkpoint: {after: N, delay_ms: D}</c>): after N outputs of one restriction the DoFn stops
    /// and defers the rest (a residual root asking to resume D ms later); null: it never checkpoints.
    /// </summary>
    public (long After, long DelayMillis)? Checkpoint { get; private init; }

    /// <summary>
    /// The manual watermark estimator (<c>watermark: {per_offset_ms: W, lead_ms: L}</c>, ms, L default 0): once offset
    /// <c>o</c> is output the DoFn sets the estimator to <c>element timestamp + L + W × (o + 1)</c>; it never goes back
    /// (a lower value leaves it where it is), as Java's <c>WatermarkEstimators.Manual</c> keeps its watermark monotonic.
    /// Null: the estimator stays at its state, initially the element's timestamp. The state travels in the restriction
    /// (<see cref="Restriction"/>).
    /// </summary>
    public (long PerOffsetMillis, long LeadMillis)? Watermark { get; private init; }

    /// <summary>The estimator's watermark (ms) after <paramref name="offset"/> of an element at <paramref name="timestampMillis"/> is output, from <paramref name="state"/>.</summary>
    public long AdvanceWatermark(long state, long timestampMillis, long offset) =>
        Watermark is { } w ? Math.Max(state, timestampMillis + w.LeadMillis + (w.PerOffsetMillis * (offset + 1))) : state;

    /// <exception cref="HarnessException">A bad payload or restriction coder.</exception>
    public static OffsetRangeSdf Compile(JsonElement args, Coder restrictionCoder, string at)
    {
        if (DescriptorCoders.Logical(restrictionCoder) is not KvCoder { KeyCoder: var range, ValueCoder: var state }
            || DescriptorCoders.Logical(range) is not KvCoder { KeyCoder: VarIntCoder, ValueCoder: VarIntCoder }
            || DescriptorCoders.Logical(state) is not VarIntCoder)
        {
            throw new HarnessException($"{at}: the restriction coder must be kv<kv<varint,varint>,varint> (offset range, watermark state), not {restrictionCoder}");
        }

        var restriction = ElementFns.Compile(Union.Property(args, "restriction", at), at + ".restriction");
        var emit = args.TryGetProperty("output", out var e) ? ElementFns.Compile(e, at + ".output") : static v => v;
        long? step = args.TryGetProperty("timestamp_per_offset_ms", out var s) ? Union.Int64(s, at + ".timestamp_per_offset_ms") : null;
        long? size = args.TryGetProperty("initial_split_size", out var z) ? Union.Int64(z, at + ".initial_split_size") : null;
        if (size is <= 0)
        {
            throw new HarnessException($"{at}.initial_split_size: must be at least 1, got {size}");
        }

        var side = args.TryGetProperty("side_input", out var si) ? Union.String(si, at + ".side_input") : null;
        var restrictionReads = args.TryGetProperty("restriction_reads_side_input", out var r) && r.ValueKind == JsonValueKind.True;
        if (restrictionReads && side is null)
        {
            throw new HarnessException($"{at}.restriction_reads_side_input: needs side_input");
        }

        return new OffsetRangeSdf(restriction, emit, step, size, AwaitSplitsOf(args, at))
        {
            Checkpoint = CheckpointOf(args, at),
            SideInput = side,
            RestrictionReadsSideInput = restrictionReads,
            Watermark = WatermarkOf(args, at),
        };
    }

    // await_split: true (one split request), false or absent (none), or a number N of split requests.
    private static int AwaitSplitsOf(JsonElement args, string at)
    {
        if (!args.TryGetProperty("await_split", out var a) || a.ValueKind == JsonValueKind.False)
        {
            return 0;
        }

        if (a.ValueKind == JsonValueKind.True)
        {
            return 1;
        }

        var n = Union.Int64(a, at + ".await_split");
        return n is >= 1 and <= 100
            ? (int)n
            : throw new HarnessException($"{at}.await_split: must be a bool or a number of split requests from 1 to 100, got {n}");
    }

    private static (long, long)? WatermarkOf(JsonElement args, string at)
    {
        if (!args.TryGetProperty("watermark", out var w))
        {
            return null;
        }

        var step = Union.Int64(Union.Property(w, "per_offset_ms", at + ".watermark"), at + ".watermark.per_offset_ms");
        var lead = w.TryGetProperty("lead_ms", out var l) ? Union.Int64(l, at + ".watermark.lead_ms") : 0;
        return step >= 0 ? (step, lead) : throw new HarnessException($"{at}.watermark.per_offset_ms: must not be negative, got {step}");
    }

    private static (long, long)? CheckpointOf(JsonElement args, string at)
    {
        if (!args.TryGetProperty("checkpoint", out var c))
        {
            return null;
        }

        var after = Union.Int64(Union.Property(c, "after", at + ".checkpoint"), at + ".checkpoint.after");
        var delay = c.TryGetProperty("delay_ms", out var d) ? Union.Int64(d, at + ".checkpoint.delay_ms") : 0;
        return after >= 1 && delay >= 0
            ? (after, delay)
            : throw new HarnessException($"{at}.checkpoint: after must be at least 1 and delay_ms not negative, got after {after}, delay_ms {delay}");
    }

    /// <summary>
    /// The initial restriction of <paramref name="element"/>: <c>KV(KV(from, to), watermark state)</c>, the
    /// <c>restriction</c> function applied to the element's value, or to <c>KV(value, seen)</c> when
    /// <see cref="RestrictionReadsSideInput"/> (<paramref name="seen"/> being the side input's view in the element's window).
    /// </summary>
    /// <exception cref="HarnessException">The function gives neither an int nor a KV of ints, or a range that ends before it starts.</exception>
    public KV InitialRestriction(WindowedValue<object?> element, object? seen, string at)
    {
        var (from, to) = _restriction(RestrictionReadsSideInput ? new KV(element.Value, seen) : element.Value) switch
        {
            long n => (0L, n),
            KV { Key: long f, Value: long t } => (f, t),
            var other => throw new HarnessException($"{at}: restriction gave {JsonValues.Format(other)}, expected an int n ([0, n)) or a kv [from, to]"),
        };
        if (to < from)
        {
            throw new HarnessException($"{at}: restriction [{from}, {to}) ends before it starts");
        }

        return Restriction(from, to, element.TimestampMillis);
    }

    /// <summary>The initial splits of a restriction: pieces of <see cref="InitialSplitSize"/> offsets, in order (the whole when not set).</summary>
    public IEnumerable<KV> InitialSplits(KV restriction)
    {
        var (from, to, state) = Parts(restriction);
        if (InitialSplitSize is not { } size)
        {
            yield return restriction;
            yield break;
        }

        for (var start = from; start < to; start += size)
        {
            yield return Restriction(start, Math.Min(to, start + size), state);
        }
    }

    /// <summary>
    /// The restriction a drained job keeps of <paramref name="restriction"/>, as Beam's default truncate does (Java
    /// <c>DoFn.TruncateRestriction</c> default, Python <c>RestrictionProvider.truncate</c>): a bounded range is kept
    /// whole; an unbounded one (<c>to</c> = <see cref="long.MaxValue"/>, as Java's <c>GrowableOffsetRangeTracker</c>
    /// marks it) truncates to what is claimed, nothing before processing, so it is dropped (null).
    /// </summary>
    /// <exception cref="HarnessException">It is not a restriction KV.</exception>
    public static KV? Truncate(object? restriction)
    {
        var (from, to, state) = Parts(restriction);
        return to == long.MaxValue ? null : Restriction(from, to, state);
    }

    /// <summary>The value emitted for <paramref name="offset"/> of <paramref name="element"/>'s value.</summary>
    public object? Emit(object? element, long offset) => _emit(new KV(element, offset));

    /// <summary>The value emitted for <paramref name="offset"/> of <paramref name="element"/>'s value when the side input read <paramref name="seen"/>.</summary>
    public object? Emit(object? element, long offset, object? seen) => _emit(new KV(new KV(element, offset), seen));

    /// <summary>The restriction KV of a range and an estimator state.</summary>
    public static KV Restriction(long from, long to, long state) => new(new KV(from, to), state);

    /// <summary>The range and estimator state of a restriction KV.</summary>
    /// <exception cref="HarnessException">It is not <c>KV(KV(long, long), long)</c>.</exception>
    public static (long From, long To, long State) Parts(object? restriction) => restriction is KV { Key: KV { Key: long from, Value: long to }, Value: long state }
        ? (from, to, state)
        : throw new HarnessException($"restriction {JsonValues.Format(restriction)} is not kv<kv<from, to>, watermark state>");
}
