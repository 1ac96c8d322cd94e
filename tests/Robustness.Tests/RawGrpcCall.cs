using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;

namespace BeamConformance.Robustness.Tests;

/// <summary>
/// One unary gRPC call made with plain HTTP/2 (h2c), returning every header and trailer as sent, including the
/// <c>grpc-</c> ones, for request bytes that are no valid message (which a typed client cannot send).
/// </summary>
internal static class RawGrpcCall
{
    /// <summary>The outcome: grpc-status, the headers and trailers by lower-case name.</summary>
    public sealed record Result(int Status, IReadOnlyDictionary<string, string> Headers);

    public static async Task<Result> UnaryAsync(string endpoint, string path, byte[] request, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler();
        using var client = new HttpClient(handler);
        var body = new byte[5 + request.Length];
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(1), (uint)request.Length);
        request.CopyTo(body, 5);
        using var message = new HttpRequestMessage(HttpMethod.Post, $"http://{endpoint}{path}") { Content = new ByteArrayContent(body), Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        message.Headers.TryAddWithoutValidation("te", "trailers");
        using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        _ = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in response.Headers.Concat(response.TrailingHeaders))
        {
            headers[name.ToLowerInvariant()] = string.Join(",", values);
        }

        if (!headers.ContainsKey("grpc-status"))
        {
            throw new InvalidOperationException($"HTTP {(int)response.StatusCode} without grpc-status; headers: {string.Join("; ", headers.Select(static h => h.Key + "=" + h.Value))}; content headers: {response.Content.Headers}");
        }

        return new Result(int.Parse(headers["grpc-status"], System.Globalization.CultureInfo.InvariantCulture), headers);
    }

    /// <summary>The bytes of a <c>-bin</c> header (unpadded or padded base64).</summary>
    public static byte[] Binary(string value) => Convert.FromBase64String(value.PadRight((value.Length + 3) / 4 * 4, '='));
}
