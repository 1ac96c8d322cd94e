using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace BeamConformance.Conformance.Running;

/// <summary>
/// A runner's job endpoint as the suite accepts it: <c>host:port</c> or <c>[ipv6]:port</c>, nothing else (no scheme,
/// no path, the port required and 1–65535). The same strict form Beam SDKs' <c>--job_endpoint</c> takes.
/// </summary>
/// <param name="Host">The host name or address; an IPv6 address without brackets.</param>
/// <param name="Port">The TCP port, 1–65535.</param>
public sealed record JobEndpoint(string Host, int Port)
{
    /// <summary>Parses <paramref name="text"/> strictly.</summary>
    /// <param name="text">The endpoint as the user wrote it.</param>
    /// <param name="origin">Where it came from, for the error (e.g. <c>--endpoint</c> or <c>BEAM_JOB_ENDPOINT</c>).</param>
    /// <returns>The endpoint.</returns>
    /// <exception cref="FormatException">The text is not <c>host:port</c> or <c>[ipv6]:port</c>; the message names the input.</exception>
    public static JobEndpoint Parse(string text, string origin = "endpoint")
    {
        ArgumentNullException.ThrowIfNull(text);
        FormatException Bad(string why) => new($"{origin} '{text}': {why}; expected HOST:PORT or [IPV6]:PORT, e.g. localhost:8099");
        if (text.Contains("://", StringComparison.Ordinal))
        {
            throw Bad("give the address without a scheme");
        }

        string host;
        string port;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw Bad("'[' without a closing ']'");
            }

            host = text[1..close];
            if (!IPAddress.TryParse(host, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                throw Bad($"'{host}' in brackets is not an IPv6 address");
            }

            if (close + 1 >= text.Length || text[close + 1] != ':')
            {
                throw Bad("the port is missing");
            }

            port = text[(close + 2)..];
        }
        else
        {
            var colon = text.LastIndexOf(':');
            if (colon < 0)
            {
                throw Bad("the port is missing");
            }

            host = text[..colon];
            port = text[(colon + 1)..];
            if (host.Contains(':', StringComparison.Ordinal))
            {
                throw Bad("an IPv6 address needs brackets");
            }

            if (host.Length == 0 || !host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            {
                throw Bad(host.Length == 0 ? "the host is missing" : $"'{host}' is not a host name or address");
            }
        }

        if (port.Length == 0)
        {
            throw Bad("the port is missing");
        }

        if (!port.All(char.IsAsciiDigit) || !int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
        {
            throw Bad($"port '{port}' is not a number from 1 to 65535");
        }

        return new JobEndpoint(host, number);
    }

    /// <summary><c>host:port</c>, or <c>[ipv6]:port</c>.</summary>
    public override string ToString() =>
        Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port.ToString(CultureInfo.InvariantCulture)}" : $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";
}
