using BeamConformance.Model.Coders;

namespace BeamConformance.Model.Tests.Coders;

public sealed class PaneInfoEncodingTests
{
    public static TheoryData<string, PaneInfo, string> Panes => new()
    {
        // label, pane, exact bytes
        { "no firing (UNKNOWN, first, last)", PaneInfo.NoFiring, "0f" },
        { "on time and only", PaneInfo.OnTimeAndOnly, "07" },
        { "first early: on-time index -1 forces form 1", new PaneInfo(true, false, PaneTiming.Early, 0, -1), "11 00" },
        { "second early pane", new PaneInfo(false, false, PaneTiming.Early, 1, -1), "10 01" },
        { "on time after two early panes: form 2", new PaneInfo(false, false, PaneTiming.OnTime, 2, 0), "24 02 00" },
        { "on time first pane, not last", new PaneInfo(true, false, PaneTiming.OnTime, 0, 0), "05" },
        { "late pane, index equals on-time index: form 1", new PaneInfo(false, false, PaneTiming.Late, 1, 1), "18 01" },
        { "last late pane after early panes: form 2", new PaneInfo(false, true, PaneTiming.Late, 5, 2), "2a 05 02" },
        { "late pane with a two-byte index", new PaneInfo(false, false, PaneTiming.Late, 300, 299), "28 ac 02 ab 02" },
        { "unknown not first not last", new PaneInfo(false, false, PaneTiming.Unknown, 0, 0), "0c" },
    };

    [Theory]
    [MemberData(nameof(Panes))]
    public void Pane_encodes_to_exact_bytes_and_back(string label, PaneInfo pane, string hex)
    {
        Assert.NotEmpty(label);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        PaneInfoEncoding.Write(pane, new CoderWriter(buffer));
        Assert.Equal(hex, Hex.Of(buffer.WrittenSpan));

        var reader = new CoderReader(Hex.Bytes(hex));
        Assert.Equal(pane, PaneInfoEncoding.Read(ref reader, "test"));
        Assert.True(reader.AtEnd);
    }

    [Theory]
    [InlineData("01", true, false, PaneTiming.Early, 0, -1)] // form 0 of an early pane: on-time index -1
    [InlineData("16 03", false, true, PaneTiming.OnTime, 3, 3)] // form 1, on time: on-time index = index
    [InlineData("13 04", true, true, PaneTiming.Early, 4, -1)] // form 1, early: on-time index -1
    public void Pane_decodes_the_derived_on_time_index(string hex, bool first, bool last, PaneTiming timing, long index, long onTime)
    {
        var reader = new CoderReader(Hex.Bytes(hex));
        Assert.Equal(new PaneInfo(first, last, timing, index, onTime), PaneInfoEncoding.Read(ref reader, "test"));
    }

    [Fact]
    public void Unknown_pane_encoding_nibble_is_an_error_with_offset()
    {
        var reader = new CoderReader(Hex.Bytes("3f"));
        CoderException? error = null;
        try
        {
            PaneInfoEncoding.Read(ref reader, Urns.Coders.WindowedValue);
        }
        catch (CoderException e)
        {
            error = e;
        }

        Assert.NotNull(error);
        Assert.Equal(0, error.Offset);
        Assert.Equal("beam:coder:windowed_value:v1: unknown pane encoding 3 in pane byte 0x3f at byte offset 0", error.Message);
    }
}
