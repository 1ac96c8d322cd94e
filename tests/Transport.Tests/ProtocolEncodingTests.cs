using BeamConformance.Transport.Internal;

namespace BeamConformance.Transport.Tests;

/// <summary>grpc-timeout and grpc-message encodings.</summary>
public sealed class ProtocolEncodingTests
{
    [Theory]
    [InlineData(1500, "1500000u")] // 1.5 s fits in microseconds (8 digits)
    [InlineData(200_000, "200000m")] // 200 s: too many microsecond digits, milliseconds
    [InlineData(0, "0u")] // zero
    public void Timeout_is_encoded_in_at_most_8_digits(long millis, string expected) =>
        Assert.Equal(expected, GrpcProtocol.EncodeTimeout(TimeSpan.FromMilliseconds(millis)));

    [Theory]
    [InlineData("1H", 3_600_000.0)] // hours
    [InlineData("2M", 120_000.0)] // minutes
    [InlineData("3S", 3_000.0)] // seconds
    [InlineData("250m", 250.0)] // milliseconds
    [InlineData("1500u", 1.5)] // microseconds
    [InlineData("2000000n", 2.0)] // nanoseconds
    public void Timeout_units_parse(string value, double expectedMillis)
    {
        Assert.True(GrpcProtocol.TryParseTimeout(value, out var timeout));
        Assert.Equal(expectedMillis, timeout.TotalMilliseconds, 6);
    }

    [Theory]
    [InlineData("")] // empty
    [InlineData("10")] // no unit
    [InlineData("123456789S")] // 9 digits
    [InlineData("5x")] // unknown unit
    [InlineData("-5S")] // sign
    public void Bad_timeouts_are_rejected(string value) => Assert.False(GrpcProtocol.TryParseTimeout(value, out _));

    [Theory]
    [InlineData("plain text", "plain text")] // printable ASCII unchanged
    [InlineData("100%", "100%25")] // '%' escaped
    [InlineData("a\nb", "a%0Ab")] // control characters escaped
    [InlineData("é", "%C3%A9")] // UTF-8 bytes escaped
    public void Status_message_percent_encoding(string message, string wire)
    {
        Assert.Equal(wire, GrpcProtocol.PercentEncode(message));
        Assert.Equal(message, GrpcProtocol.PercentDecode(wire));
    }

    [Theory]
    [InlineData("%zz", "%zz")] // malformed escape kept
    [InlineData("50%", "50%")] // trailing '%' kept
    public void Malformed_percent_escapes_are_kept(string wire, string message) =>
        Assert.Equal(message, GrpcProtocol.PercentDecode(wire));
}
