using BeamConformance.Conformance.Running;

namespace BeamConformance.Conformance.Tests.Resilience;

public sealed class JobEndpointTests
{
    [Theory]
    // Host name and port.
    [InlineData("localhost:8099", "localhost", 8099, "localhost:8099")]
    // IPv4 address.
    [InlineData("127.0.0.1:1", "127.0.0.1", 1, "127.0.0.1:1")]
    // IPv6 in brackets: the host is kept without them, printed with them.
    [InlineData("[::1]:65535", "::1", 65535, "[::1]:65535")]
    // Dashes and dots in names.
    [InlineData("flink-jobserver.default.svc:8099", "flink-jobserver.default.svc", 8099, "flink-jobserver.default.svc:8099")]
    public void Valid_endpoints_parse(string text, string host, int port, string printed)
    {
        var endpoint = JobEndpoint.Parse(text);

        Assert.Equal((host, port, printed), (endpoint.Host, endpoint.Port, endpoint.ToString()));
    }

    [Theory]
    // Not a number.
    [InlineData("localhost:abc", "--endpoint 'localhost:abc': port 'abc' is not a number from 1 to 65535")]
    // No port: never a silent :80.
    [InlineData("localhost", "--endpoint 'localhost': the port is missing")]
    [InlineData("localhost:", "--endpoint 'localhost:': the port is missing")]
    // Out of range, signed, zero.
    [InlineData("localhost:65536", "--endpoint 'localhost:65536': port '65536' is not a number from 1 to 65535")]
    [InlineData("localhost:+80", "--endpoint 'localhost:+80': port '+80' is not a number from 1 to 65535")]
    [InlineData("localhost:0", "--endpoint 'localhost:0': port '0' is not a number from 1 to 65535")]
    // A scheme or a path.
    [InlineData("http://localhost:8099", "--endpoint 'http://localhost:8099': give the address without a scheme")]
    [InlineData("localhost/x:8099", "--endpoint 'localhost/x:8099': 'localhost/x' is not a host name or address")]
    // IPv6 without brackets, brackets without IPv6 or without a port.
    [InlineData("::1:8099", "--endpoint '::1:8099': an IPv6 address needs brackets")]
    [InlineData("[localhost]:8099", "--endpoint '[localhost]:8099': 'localhost' in brackets is not an IPv6 address")]
    [InlineData("[::1]", "--endpoint '[::1]': the port is missing")]
    [InlineData("[::1:8099", "--endpoint '[::1:8099': '[' without a closing ']'")]
    // No host.
    [InlineData(":8099", "--endpoint ':8099': the host is missing")]
    public void Malformed_endpoints_are_errors_naming_the_input(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => JobEndpoint.Parse(text, "--endpoint"));

        Assert.Equal(message + "; expected HOST:PORT or [IPV6]:PORT, e.g. localhost:8099", error.Message);
    }
}
