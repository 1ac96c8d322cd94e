using BeamConformance.Model;
using BeamConformance.Model.Windows;
using Google.Protobuf;
using Org.Apache.Beam.Model.Pipeline.V1;
using ProtoDuration = Google.Protobuf.WellKnownTypes.Duration;
using ProtoTimestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace BeamConformance.FakeHarness.Internal;

/// <summary>
/// A standard window fn (standard_window_fns.proto) as the SDKs apply it: global; fixed
/// (<c>[t - (t - offset) mod size, + size)</c>); sliding (every window of the period grid containing t, latest
/// start first); sessions (<c>[t, t + gap)</c>, merged later by the runner). All times in ms.
/// </summary>
internal sealed class WindowFn
{
    private WindowFn(string urn, long sizeMillis, long periodMillis, long offsetMillis)
    {
        Urn = urn;
        SizeMillis = sizeMillis;
        PeriodMillis = periodMillis;
        OffsetMillis = offsetMillis;
    }

    public string Urn { get; }

    public long SizeMillis { get; }

    public long PeriodMillis { get; }

    public long OffsetMillis { get; }

    /// <exception cref="HarnessException">Unknown URN or invalid payload.</exception>
    public static WindowFn Parse(FunctionSpec spec, string where)
    {
        try
        {
            switch (spec.Urn)
            {
                case Urns.WindowFns.GlobalWindows:
                    return new WindowFn(spec.Urn, 0, 0, 0);
                case Urns.WindowFns.FixedWindows:
                    {
                        var p = FixedWindowsPayload.Parser.ParseFrom(spec.Payload);
                        var size = Millis(p.Size);
                        return size > 0 ? new WindowFn(spec.Urn, size, size, Millis(p.Offset)) : throw Bad("size must be > 0");
                    }

                case Urns.WindowFns.SlidingWindows:
                    {
                        var p = SlidingWindowsPayload.Parser.ParseFrom(spec.Payload);
                        var size = Millis(p.Size);
                        var period = Millis(p.Period);
                        return size > 0 && period > 0 ? new WindowFn(spec.Urn, size, period, Millis(p.Offset)) : throw Bad("size and period must be > 0");
                    }

                case Urns.WindowFns.SessionWindows:
                    {
                        var p = SessionWindowsPayload.Parser.ParseFrom(spec.Payload);
                        var gap = Millis(p.GapSize);
                        return gap > 0 ? new WindowFn(spec.Urn, gap, 0, 0) : throw Bad("gap_size must be > 0");
                    }

                default:
                    throw new HarnessException($"{where}: window fn '{spec.Urn}' is not supported by the FakeHarness");
            }
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new HarnessException($"{where}: invalid payload for window fn '{spec.Urn}': {e.Message}", inner: e);
        }

        HarnessException Bad(string why) => new($"{where}: window fn '{spec.Urn}': {why}");
    }

    /// <summary>The windows an element with this timestamp is assigned to.</summary>
    public IReadOnlyList<BoundedWindow> Assign(long timestampMillis)
    {
        switch (Urn)
        {
            case Urns.WindowFns.GlobalWindows:
                return [GlobalWindow.Instance];
            case Urns.WindowFns.FixedWindows:
                {
                    var start = LastStartAtOrBefore(timestampMillis, SizeMillis);
                    return [new IntervalWindow(start, start + SizeMillis)];
                }

            case Urns.WindowFns.SlidingWindows:
                {
                    var windows = new List<BoundedWindow>();
                    for (var start = LastStartAtOrBefore(timestampMillis, PeriodMillis); start > timestampMillis - SizeMillis; start -= PeriodMillis)
                    {
                        windows.Add(new IntervalWindow(start, start + SizeMillis));
                    }

                    return windows;
                }

            default:
                return [new IntervalWindow(timestampMillis, timestampMillis + SizeMillis)];
        }
    }

    /// <summary>
    /// The side-input window for a main-input window (the window mapping the harness applies for
    /// <c>beamconformance:window_mapping_fn:v1</c>): global → the global window; fixed and sliding → the window
    /// containing the main window's max timestamp (for sliding, the one that starts last).
    /// </summary>
    /// <exception cref="HarnessException">Sessions (no mapping is defined for them).</exception>
    public BoundedWindow MapSideWindow(BoundedWindow mainWindow, string where) => Urn switch
    {
        Urns.WindowFns.GlobalWindows => GlobalWindow.Instance,
        Urns.WindowFns.FixedWindows or Urns.WindowFns.SlidingWindows => Assign(mainWindow.MaxTimestampMillis)[0],
        _ => throw new HarnessException($"{where}: side inputs windowed by '{Urn}' have no window mapping"),
    };

    private long LastStartAtOrBefore(long timestampMillis, long grid)
    {
        var remainder = (timestampMillis - OffsetMillis) % grid;
        if (remainder < 0)
        {
            remainder += grid;
        }

        return timestampMillis - remainder;
    }

    private static long Millis(ProtoDuration? d) => d is null ? 0 : (d.Seconds * 1000) + (d.Nanos / 1_000_000);

    private static long Millis(ProtoTimestamp? t) => t is null ? 0 : (t.Seconds * 1000) + (t.Nanos / 1_000_000);
}
