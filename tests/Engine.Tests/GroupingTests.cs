using BeamConformance.Model;
using BeamConformance.Model.Windows;
using static BeamConformance.Engine.Tests.GroupByKeyHarness;

namespace BeamConformance.Engine.Tests;

public sealed class GroupingTests
{
    public static TheoryData<string[], string[]> KeyRows => new()
    {
        // identical bytes from different arrays are one key
        { ["01", "01"], ["01:0001"] },
        // a key is its bytes: a longer encoding is another key even if a coder might read the same value
        { ["01", "0100"], ["01:00", "0100:01"] },
        // case and order of bytes matter
        { ["6162", "6261", "6162"], ["6162:0002", "6261:01"] },
        // the empty key is a key
        { ["", "", "00"], [":0001", "00:02"] },
    };

    [Theory]
    [MemberData(nameof(KeyRows))]
    public void Groups_by_encoded_key_bytes_in_first_seen_order(string[] keysHex, string[] expected)
    {
        var harness = new GroupByKeyHarness(WindowingStrategy.Default);
        harness.Add(keysHex.Select((k, i) => Element.Keyed(Convert.FromHexString(k), [(byte)i], 0, GlobalWindow.Instance, PaneInfo.NoFiring)).ToArray());
        harness.Advance(BeamTime.MaxTimestampMillis);
        var got = harness.Drain().Select(TestData.Grouped).Select(static g => $"{g.Key}:{Convert.ToHexString(g.Values)}");
        Assert.Equal(expected, got);
    }

    public static TheoryData<long[], long, long, string[]> FixedRows => new()
    {
        // size 10: 3 and 7 share [0,10); 12 is alone in [10,20)
        { [3, 12, 7], 10, 10, ["[0,10):0002", "[10,20):01"] },
        // boundaries: 9 in [0,10), 10 in [10,20), -1 in [-10,0)
        { [9, 10, -1], 10, 10, ["[-10,0):02", "[0,10):00", "[10,20):01"] },
        // sliding size 10 period 5: 7 is in [0,10) and [5,15); 12 in [5,15) and [10,20)
        { [7, 12], 10, 5, ["[0,10):00", "[5,15):0001", "[10,20):01"] },
    };

    [Theory]
    [MemberData(nameof(FixedRows))]
    public void Fixed_and_sliding_windows_group_per_window_in_window_end_order(long[] timestamps, long size, long period, string[] expected)
    {
        var harness = new GroupByKeyHarness(WindowingStrategy.Default);
        for (var i = 0; i < timestamps.Length; i++)
        {
            // WindowInto runs in the SDK: each element arrives once per assigned window.
            foreach (var window in SlidingWindows(timestamps[i], size, period))
            {
                harness.Add(TestData.Kv(1, (byte)i, timestamps[i], window));
            }
        }

        harness.Advance(BeamTime.MaxTimestampMillis);
        var got = harness.Drain().Select(e => $"[{((IntervalWindow)e.Window).StartMillis},{((IntervalWindow)e.Window).EndMillis}):{Convert.ToHexString(TestData.Grouped(e).Values)}");
        Assert.Equal(expected, got);
    }

    [Fact]
    public void Output_is_KV_of_key_and_iterable_with_key_length_set()
    {
        var harness = new GroupByKeyHarness(WindowingStrategy.Default);
        harness.Add(Element.Keyed([0x03, 0x61, 0x62, 0x63], [0x01], 5, W(0, 10), PaneInfo.NoFiring), Element.Keyed([0x03, 0x61, 0x62, 0x63], [0x02, 0x03], 6, W(0, 10), PaneInfo.NoFiring));
        harness.Advance(BeamTime.MaxTimestampMillis);
        var output = Assert.Single(harness.Drain());
        Assert.Equal("03616263000000020102 03".Replace(" ", ""), Convert.ToHexString(output.Bytes.Span));
        Assert.Equal(4, output.KeyLength);
        Assert.Equal(W(0, 10), output.Window);
        Assert.Equal(9, output.TimestampMillis);
    }

    private static IEnumerable<IntervalWindow> SlidingWindows(long ts, long size, long period)
    {
        var lastStart = ts - (((ts % period) + period) % period);
        var starts = new List<long>();
        for (var start = lastStart; start > ts - size; start -= period)
        {
            starts.Add(start);
        }

        starts.Reverse();
        return starts.Select(s => W(s, s + size));
    }
}
