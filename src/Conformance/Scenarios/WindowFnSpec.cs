using BeamConformance.Model;
namespace BeamConformance.Conformance.Scenarios;

/// <summary>
/// A standard window fn (beam_runner_api.proto <c>StandardWindowFns</c>); sizes in milliseconds.
/// Variants are nested: <see cref="Global"/>, <see cref="Fixed"/>, <see cref="Sliding"/>, <see cref="Sessions"/>.
/// </summary>
public abstract record WindowFnSpec
{
    private WindowFnSpec() { }

    /// <summary>The Beam URN of the window fn.</summary>
    public abstract string Urn { get; }

    /// <summary><c>beam:window_fn:global_windows:v1</c>.</summary>
    public sealed record Global : WindowFnSpec
    {
        /// <inheritdoc />
        public override string Urn => Urns.WindowFns.GlobalWindows;
    }

    /// <summary><c>beam:window_fn:fixed_windows:v1</c>: windows [offset + k·size, offset + (k+1)·size).</summary>
    /// <param name="SizeMillis">Window size, ms (&gt; 0).</param>
    /// <param name="OffsetMillis">Offset, ms (0 ≤ offset &lt; size).</param>
    public sealed record Fixed(long SizeMillis, long OffsetMillis) : WindowFnSpec
    {
        /// <inheritdoc />
        public override string Urn => Urns.WindowFns.FixedWindows;
    }

    /// <summary><c>beam:window_fn:sliding_windows:v1</c>: windows of <paramref name="SizeMillis"/> starting every <paramref name="PeriodMillis"/>.</summary>
    /// <param name="SizeMillis">Window size, ms.</param>
    /// <param name="PeriodMillis">Period between window starts, ms.</param>
    /// <param name="OffsetMillis">Offset, ms.</param>
    public sealed record Sliding(long SizeMillis, long PeriodMillis, long OffsetMillis) : WindowFnSpec
    {
        /// <inheritdoc />
        public override string Urn => Urns.WindowFns.SlidingWindows;
    }

    /// <summary><c>beam:window_fn:session_windows:v1</c>: [t, t + gap) per element, merged when they overlap.</summary>
    /// <param name="GapMillis">Gap duration, ms.</param>
    public sealed record Sessions(long GapMillis) : WindowFnSpec
    {
        /// <inheritdoc />
        public override string Urn => Urns.WindowFns.SessionWindows;
    }
}
