using BeamConformance.Model;
using BeamConformance.Model.Windows;

namespace BeamConformance.Engine.Tests;

public sealed class ElementTests
{
    public static TheoryData<string, string[], string> EncodingRows => new()
    {
        // key "abc" (length-prefixed string), values 01 and 0203: key, int32 count 2, values
        { "03616263", ["01", "0203"], "03616263000000020102 03" },
        // no values: just the key and a zero count
        { "07", [], "0700000000" },
        // empty key bytes are allowed
        { "", ["FF"], "00000001FF" },
    };

    [Theory]
    [MemberData(nameof(EncodingRows))]
    public void GroupByKey_output_encoding_is_key_then_big_endian_count_then_values(string keyHex, string[] valuesHex, string expectedHex)
    {
        var bytes = GroupByKeyEncoding.EncodeKeyedIterable(Convert.FromHexString(keyHex), valuesHex.Select(static v => (ReadOnlyMemory<byte>)Convert.FromHexString(v)).ToList());
        Assert.Equal(expectedHex.Replace(" ", "", StringComparison.Ordinal), Convert.ToHexString(bytes));
    }

    [Fact]
    public void Keyed_element_splits_key_and_value()
    {
        var element = Element.Keyed([0x01, 0x61], [0x02, 0x03], 7, GlobalWindow.Instance, PaneInfo.NoFiring);
        Assert.Equal("01610203", Convert.ToHexString(element.Bytes.Span));
        Assert.Equal("0161", Convert.ToHexString(element.KeyBytes.Span));
        Assert.Equal("0203", Convert.ToHexString(element.ValueBytes.Span));
        Assert.Equal(2, element.KeyLength);
    }

    [Fact]
    public void Unkeyed_element_refuses_key_access_and_bad_key_lengths_are_refused()
    {
        var element = new Element(new byte[] { 1 }, 0, GlobalWindow.Instance, PaneInfo.NoFiring);
        Assert.False(element.IsKeyed);
        Assert.Throws<InvalidOperationException>(() => element.KeyBytes);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Element(new byte[] { 1 }, 0, GlobalWindow.Instance, PaneInfo.NoFiring, 2));
    }
}
