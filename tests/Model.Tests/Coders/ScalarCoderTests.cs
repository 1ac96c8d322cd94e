using BeamConformance.Model.Coders;

namespace BeamConformance.Model.Tests.Coders;

public sealed class ScalarCoderTests
{
    [Theory]
    [InlineData(0L, "00")] // smallest
    [InlineData(1L, "01")]
    [InlineData(127L, "7f")] // largest one-byte value
    [InlineData(128L, "80 01")] // first two-byte value
    [InlineData(200L, "c8 01")]
    [InlineData(9001L, "a9 46")]
    [InlineData(-1L, "ff ff ff ff ff ff ff ff ff 01")] // negative: 10 bytes
    [InlineData(long.MaxValue, "ff ff ff ff ff ff ff ff 7f")]
    [InlineData(long.MinValue, "80 80 80 80 80 80 80 80 80 01")]
    public void VarInt_encodes_exact_bytes_and_round_trips(long value, string hex)
    {
        Assert.Equal(hex, Hex.Of(VarIntCoder.Instance.EncodeToArray(value)));
        Assert.Equal(value, VarIntCoder.Instance.DecodeFrom(Hex.Bytes(hex)));
    }

    [Theory]
    [InlineData(0.0, "00 00 00 00 00 00 00 00")] // +0
    [InlineData(-0.0, "80 00 00 00 00 00 00 00")] // -0 keeps its sign bit
    [InlineData(0.1, "3f b9 99 99 99 99 99 9a")]
    [InlineData(double.Epsilon, "00 00 00 00 00 00 00 01")] // smallest subnormal
    [InlineData(double.PositiveInfinity, "7f f0 00 00 00 00 00 00")]
    [InlineData(double.NegativeInfinity, "ff f0 00 00 00 00 00 00")]
    [InlineData(double.NaN, "ff f8 00 00 00 00 00 00")] // .NET's NaN bit pattern
    public void Double_encodes_the_ieee_bits_big_endian(double value, string hex)
    {
        Assert.Equal(hex, Hex.Of(DoubleCoder.Instance.EncodeToArray(value)));
        var decoded = (double)DoubleCoder.Instance.DecodeFrom(Hex.Bytes(hex))!;
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(decoded));
    }

    [Theory]
    [InlineData("abc", true, "03 61 62 63")] // nested: length prefix
    [InlineData("abc", false, "61 62 63")] // outer: raw
    [InlineData("", true, "00")]
    [InlineData("\u00ff", true, "02 c3 bf")] // two-byte UTF-8
    [InlineData("光线", false, "e5 85 89 e7 ba bf")]
    public void StringUtf8_frames_like_bytes(string value, bool nested, string hex)
    {
        Assert.Equal(hex, Hex.Of(StringUtf8Coder.Instance.EncodeToArray(value, nested)));
        Assert.Equal(value, StringUtf8Coder.Instance.DecodeFrom(Hex.Bytes(hex), nested));
    }

    [Theory]
    [InlineData("", true, "00")] // empty, nested
    [InlineData("", false, "")] // empty, outer: nothing at all
    [InlineData("61 62 00 63", true, "04 61 62 00 63")]
    [InlineData("61 62 00 63", false, "61 62 00 63")]
    public void Bytes_frames_by_context(string valueHex, bool nested, string hex)
    {
        var value = Hex.Bytes(valueHex);
        Assert.Equal(hex, Hex.Of(BytesCoder.Instance.EncodeToArray(value, nested)));
        Assert.Equal(value, (byte[])BytesCoder.Instance.DecodeFrom(Hex.Bytes(hex), nested)!);
    }

    [Theory]
    [InlineData(false, "00")]
    [InlineData(true, "01")]
    public void Bool_is_one_byte(bool value, string hex)
    {
        Assert.Equal(hex, Hex.Of(BoolCoder.Instance.EncodeToArray(value)));
        Assert.Equal(value, BoolCoder.Instance.DecodeFrom(Hex.Bytes(hex)));
    }
}
