using BeamConformance.Model.Windows;

namespace BeamConformance.Model.Windowing;

/// <summary>
/// A window fn (<c>beam_runner_api.proto</c> <c>WindowingStrategy.window_fn</c>): the standard ones of
/// <c>standard_window_fns.proto</c> — <see cref="Global"/>, <see cref="Fixed"/>, <see cref="Sliding"/>,
/// <see cref="Sessions"/> — with their assignment, and any other as <see cref="Custom"/> (URN and payload).
/// All times in ms.
/// </summary>
public abstract record WindowFn
{
    private WindowFn() { }

    /// <summary>The window fn's URN.</summary>
    public abstract string Urn { get; }

    /// <summary>True when windows of this fn merge (sessions). Unknown (false) for <see cref="Custom"/>: the strategy's <see cref="MergeStatus"/> says.</summary>
    public virtual bool IsMerging => false;

    /// <summary>The windows an element with timestamp <paramref name="timestampMillis"/> is assigned to.</summary>
    /// <exception cref="NotSupportedException">A <see cref="Custom"/> window fn (only its SDK can assign).</exception>
    public abstract IReadOnlyList<BoundedWindow> AssignWindows(long timestampMillis);

    /// <summary>
    /// The side-input window a main-input window reads (the window fn's default window mapping, Java
    /// <c>WindowFn.getDefaultWindowMappingFn</c>): global → the global window; fixed and sliding → the window
    /// containing the main window's max timestamp (for sliding, the one that starts last); null where the model
    /// defines no mapping (sessions, custom).
    /// </summary>
    public virtual BoundedWindow? SideInputWindow(BoundedWindow mainWindow) => null;

    /// <summary><c>beam:window_fn:global_windows:v1</c>: every element in the one global window.</summary>
    public sealed record Global : WindowFn
    {
        /// <summary>The one instance.</summary>
        public static Global Instance { get; } = new();

        /// <inheritdoc />
        public override string Urn => Urns.WindowFns.GlobalWindows;

        /// <inheritdoc />
        public override IReadOnlyList<BoundedWindow> AssignWindows(long timestampMillis) => [GlobalWindow.Instance];

        /// <inheritdoc />
        public override BoundedWindow? SideInputWindow(BoundedWindow mainWindow) => GlobalWindow.Instance;
    }

    /// <summary><c>beam:window_fn:fixed_windows:v1</c>: windows [offset + k·size, offset + (k+1)·size).</summary>
    /// <param name="SizeMillis">Window size, ms (above 0).</param>
    /// <param name="OffsetMillis">Offset, ms.</param>
    public sealed record Fixed(long SizeMillis, long OffsetMillis) : WindowFn
    {
        /// <summary>Window size, ms (above 0).</summary>
        /// <exception cref="ArgumentOutOfRangeException">Zero or negative.</exception>
        public long SizeMillis { get; } = SizeMillis > 0 ? SizeMillis : throw new ArgumentOutOfRangeException(nameof(SizeMillis), SizeMillis, "fixed windows need a size above 0 ms");

        /// <inheritdoc />
        public override string Urn => Urns.WindowFns.FixedWindows;

        /// <inheritdoc />
        public override IReadOnlyList<BoundedWindow> AssignWindows(long timestampMillis)
        {
            var start = LastStartAtOrBefore(timestampMillis, SizeMillis, OffsetMillis);
            return [new IntervalWindow(start, start + SizeMillis)];
        }

        /// <inheritdoc />
        public override BoundedWindow? SideInputWindow(BoundedWindow mainWindow) => AssignWindows(mainWindow.MaxTimestampMillis)[0];
    }

    /// <summary><c>beam:window_fn:sliding_windows:v1</c>: windows of <paramref name="SizeMillis"/> starting every <paramref name="PeriodMillis"/>.</summary>
    /// <param name="SizeMillis">Window size, ms (above 0).</param>
    /// <param name="PeriodMillis">Period between window starts, ms (above 0).</param>
    /// <param name="OffsetMillis">Offset, ms.</param>
    public sealed record Sliding(long SizeMillis, long PeriodMillis, long OffsetMillis) : WindowFn
    {
        /// <summary>Window size, ms (above 0).</summary>
        /// <exception cref="ArgumentOutOfRangeException">Zero or negative.</exception>
        public long SizeMillis { get; } = SizeMillis > 0 ? SizeMillis : throw new ArgumentOutOfRangeException(nameof(SizeMillis), SizeMillis, "sliding windows need a size above 0 ms");

        /// <summary>Period between window starts, ms (above 0).</summary>
        /// <exception cref="ArgumentOutOfRangeException">Zero or negative.</exception>
        public long PeriodMillis { get; } = PeriodMillis > 0 ? PeriodMillis : throw new ArgumentOutOfRangeException(nameof(PeriodMillis), PeriodMillis, "sliding windows need a period above 0 ms");

        /// <inheritdoc />
        public override string Urn => Urns.WindowFns.SlidingWindows;

        /// <summary>Every window of the period grid that contains the timestamp, latest start first (Java <c>SlidingWindows.assignWindows</c>).</summary>
        public override IReadOnlyList<BoundedWindow> AssignWindows(long timestampMillis)
        {
            var windows = new List<BoundedWindow>();
            for (var start = LastStartAtOrBefore(timestampMillis, PeriodMillis, OffsetMillis); start > timestampMillis - SizeMillis; start -= PeriodMillis)
            {
                windows.Add(new IntervalWindow(start, start + SizeMillis));
            }

            return windows;
        }

        /// <inheritdoc />
        public override BoundedWindow? SideInputWindow(BoundedWindow mainWindow) => AssignWindows(mainWindow.MaxTimestampMillis)[0];
    }

    /// <summary><c>beam:window_fn:session_windows:v1</c>: [t, t + gap) per element, merged by a GroupByKey where they overlap.</summary>
    /// <param name="GapMillis">Gap duration, ms (above 0).</param>
    public sealed record Sessions(long GapMillis) : WindowFn
    {
        /// <summary>Gap duration, ms (above 0).</summary>
        /// <exception cref="ArgumentOutOfRangeException">Zero or negative.</exception>
        public long GapMillis { get; } = GapMillis > 0 ? GapMillis : throw new ArgumentOutOfRangeException(nameof(GapMillis), GapMillis, "session windows need a gap above 0 ms");

        /// <inheritdoc />
        public override string Urn => Urns.WindowFns.SessionWindows;

        /// <inheritdoc />
        public override bool IsMerging => true;

        /// <inheritdoc />
        public override IReadOnlyList<BoundedWindow> AssignWindows(long timestampMillis) => [new IntervalWindow(timestampMillis, timestampMillis + GapMillis)];
    }

    /// <summary>A window fn the model does not define (a custom SDK window fn): its URN and payload, kept as they are.</summary>
    /// <param name="CustomUrn">The window fn's URN.</param>
    /// <param name="Payload">The payload bytes.</param>
    public sealed record Custom(string CustomUrn, ReadOnlyMemory<byte> Payload) : WindowFn
    {
        /// <inheritdoc />
        public override string Urn => CustomUrn;

        /// <inheritdoc />
        public override IReadOnlyList<BoundedWindow> AssignWindows(long timestampMillis) =>
            throw new NotSupportedException($"window fn '{CustomUrn}' is custom: only its SDK can assign windows");

        /// <summary>Equal when URN and payload bytes are equal.</summary>
        public bool Equals(Custom? other) => other is not null && CustomUrn == other.CustomUrn && Payload.Span.SequenceEqual(other.Payload.Span);

        /// <inheritdoc />
        public override int GetHashCode() => CustomUrn.GetHashCode(StringComparison.Ordinal);
    }

    private static long LastStartAtOrBefore(long timestampMillis, long grid, long offsetMillis)
    {
        var remainder = (timestampMillis - offsetMillis) % grid;
        if (remainder < 0)
        {
            remainder += grid;
        }

        return timestampMillis - remainder;
    }
}
