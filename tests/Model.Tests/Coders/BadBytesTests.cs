using BeamConformance.Model.Coders;
using BeamConformance.Model.Windows;

namespace BeamConformance.Model.Tests.Coders;

public sealed class BadBytesTests
{
    private static readonly Coder WindowedKv = new WindowedValueCoder(
        new KvCoder(BytesCoder.Instance, VarIntCoder.Instance), IntervalWindowCoder.Instance);

    public static TheoryData<string, Coder, string, bool, string> Cases => new()
    {
        // label, coder, input bytes, nested, exact message
        { "empty varint", VarIntCoder.Instance, "", true,
          "beam:coder:varint:v1: truncated varint (started at offset 0) at byte offset 0" },
        { "varint with continuation bit and nothing after", VarIntCoder.Instance, "80 80", true,
          "beam:coder:varint:v1: truncated varint (started at offset 0) at byte offset 2" },
        { "11-byte varint", VarIntCoder.Instance, "ff ff ff ff ff ff ff ff ff 81 01", true,
          "beam:coder:varint:v1: varint longer than 10 bytes at byte offset 0" },
        { "10th varint byte above 1 overflows 64 bits", VarIntCoder.Instance, "ff ff ff ff ff ff ff ff ff 02", true,
          "beam:coder:varint:v1: varint overflows 64 bits at byte offset 0" },
        { "bytes length past the end", BytesCoder.Instance, "05 61 62", true,
          "beam:coder:bytes:v1: length 5 exceeds the 2 bytes left at byte offset 0" },
        { "negative bytes length", BytesCoder.Instance, "ff ff ff ff ff ff ff ff ff 01", true,
          "beam:coder:bytes:v1: negative length -1 at byte offset 0" },
        { "invalid UTF-8 continuation byte", StringUtf8Coder.Instance, "03 61 c3 28", true,
          "beam:coder:string_utf8:v1: invalid UTF-8 at byte offset 2" },
        { "invalid UTF-8 in the outer context", StringUtf8Coder.Instance, "ff", false,
          "beam:coder:string_utf8:v1: invalid UTF-8 at byte offset 0" },
        { "bool byte 2", BoolCoder.Instance, "02", true,
          "beam:coder:bool:v1: invalid boolean byte 0x02 at byte offset 0" },
        { "truncated double", DoubleCoder.Instance, "3f b9 99", true,
          "beam:coder:double:v1: truncated input: needed 8 byte(s), 3 left at byte offset 0" },
        { "iterable with negative count", new IterableCoder(VarIntCoder.Instance), "ff ff ff fe", true,
          "beam:coder:iterable:v1: negative element count -2 at byte offset 0" },
        { "iterable shorter than its count", new IterableCoder(VarIntCoder.Instance), "00 00 00 02 01", true,
          "beam:coder:varint:v1: truncated varint (started at offset 5) at byte offset 5" },
        { "chunk with negative size", new IterableCoder(VarIntCoder.Instance), "ff ff ff ff fe ff ff ff ff ff ff ff ff 01", true,
          "beam:coder:iterable:v1: invalid chunk size -2 at byte offset 4" },
        { "windowed value cut inside the pane", WindowedKv, "80 00 00 00 00 00 00 00 00 00 00 00", true,
          "beam:coder:windowed_value:v1: truncated input: needed 1 byte(s), 0 left at byte offset 12" },
        { "windowed value cut inside the window", WindowedKv, "80 00 00 00 00 00 00 00 00 00 00 01 80 00", true,
          "beam:coder:interval_window:v1: truncated input: needed 8 byte(s), 2 left at byte offset 12" },
        { "nested value with trailing bytes", VarIntCoder.Instance, "01 02", true,
          "beam:coder:varint:v1: 1 byte(s) left over after the value at byte offset 1" },
        { "length prefix longer than the rest", new LengthPrefixCoder(VarIntCoder.Instance), "05 01", true,
          "beam:coder:length_prefix:v1: length 5 exceeds the 1 bytes left at byte offset 0" },
        { "nullable indicator 2", new NullableCoder(VarIntCoder.Instance), "02", true,
          "beam:coder:nullable:v1: invalid null indicator 0x02 at byte offset 0" },
        { "unknown coder nested", new OpaqueCoder("beam:coder:sdk_only:v1", default), "01", true,
          "beam:coder:sdk_only:v1: coder unknown to the runner used in a nested context; wrap it in beam:coder:length_prefix:v1 at byte offset 0" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_bytes_raise_a_coder_error_naming_urn_and_offset(string label, Coder coder, string hex, bool nested, string message)
    {
        Assert.NotEmpty(label);
        var error = Assert.Throws<CoderException>(() => coder.DecodeFrom(Hex.Bytes(hex), nested));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Encoding_a_wrong_shape_is_a_coder_error()
    {
        var error = Assert.Throws<CoderException>(() => VarIntCoder.Instance.EncodeToArray("seven"));
        Assert.Equal("beam:coder:varint:v1: cannot encode String: expected Int64", error.Message);
    }

    [Fact]
    public void A_window_coder_that_yields_no_window_is_an_error()
    {
        var coder = new WindowedValueCoder(VarIntCoder.Instance, VarIntCoder.Instance);
        var error = Assert.Throws<CoderException>(() => coder.DecodeFrom(Hex.Bytes("80 00 00 00 00 00 00 00 00 00 00 01 05 0f 01")));
        Assert.StartsWith("beam:coder:windowed_value:v1: window coder beam:coder:varint:v1 decoded a Int64, not a window", error.Message, StringComparison.Ordinal);
        Assert.Equal(8, error.Offset);
        _ = GlobalWindow.Instance;
    }
}
