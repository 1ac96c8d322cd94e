using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Grpc.Core;

namespace BeamConformance.GrpcInterop.Tests;

/// <summary>The server's wire behaviour, checked with a raw HTTP/2 client (no gRPC client logic in between).</summary>
public sealed class WireProtocolTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void Bind(GrpcServer s)
    {
        s.AddMethod(TestMethods.Unary, new UnaryServerMethod<string, string>((r, _) => Task.FromResult("echo:" + r)));
        s.AddMethod(TestMethods.ServerStream, async (string _, IServerStreamWriter<string> w, ServerCallContext ctx) =>
        {
            await w.WriteAsync("early");
            await Task.Delay(Timeout.Infinite, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
        });
    }

    private static byte[] Frame(string text, byte flag = 0)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        var frame = new byte[5 + payload.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    private static async Task<HttpResponseMessage> Send(Uri address, string path, byte[] body, string contentType = "application/grpc", params (string Key, string Value)[] headers)
    {
        using var client = new HttpClient(new SocketsHttpHandler());
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, path))
        {
            Content = new ByteArrayContent(body),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (var (key, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(key, value);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, Ct);
        return response;
    }

    private static string? Header(HttpResponseMessage r, string key) =>
        r.Headers.TryGetValues(key, out var v) ? v.First() : r.TrailingHeaders.TryGetValues(key, out var t) ? t.First() : null;

    [Fact]
    public async Task Unary_response_is_one_frame_then_status_in_trailers()
    {
        await using var t = await TestServer.StartAsync(Bind);
        using var response = await Send(t.Server.Address, TestMethods.Unary.FullName, Frame("hi"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new Version(2, 0), response.Version);
        Assert.Equal("application/grpc", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Frame("echo:hi"), await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("0", response.TrailingHeaders.GetValues("grpc-status").Single());
        Assert.False(response.Headers.Contains("grpc-status"));
    }

    [Fact]
    public async Task Unknown_method_is_a_trailers_only_UNIMPLEMENTED()
    {
        await using var t = await TestServer.StartAsync(Bind);
        using var response = await Send(t.Server.Address, "/no.Such/Method", Frame("hi"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("12", response.Headers.GetValues("grpc-status").Single());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(Ct));
    }

    [Theory]
    [InlineData("snappy", "12", "Unsupported grpc-encoding value 'snappy'")] // an encoding the server does not support: UNIMPLEMENTED
    [InlineData(null, "13", "compressed message")] // compressed flag without any grpc-encoding: INTERNAL
    public async Task Compressed_frame_gets_a_clear_status(string? encoding, string expectedStatus, string expectedDetail)
    {
        await using var t = await TestServer.StartAsync(Bind);
        var headers = encoding is null ? Array.Empty<(string, string)>() : new[] { ("grpc-encoding", encoding) };
        using var response = await Send(t.Server.Address, TestMethods.Unary.FullName, Frame("hi", flag: 1), headers: headers);
        Assert.Equal(expectedStatus, Header(response, "grpc-status"));
        Assert.Contains(expectedDetail, Uri.UnescapeDataString(Header(response, "grpc-message")!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gzip_compressed_request_is_accepted()
    {
        await using var t = await TestServer.StartAsync(Bind);
        using var gzipped = new MemoryStream();
        using (var gzip = new GZipStream(gzipped, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write("hi"u8);
        }

        var payload = gzipped.ToArray();
        var frame = new byte[5 + payload.Length];
        frame[0] = 1;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        using var response = await Send(t.Server.Address, TestMethods.Unary.FullName, frame, headers: ("grpc-encoding", "gzip"));
        Assert.Equal("0", Header(response, "grpc-status"));
        Assert.Equal(Frame("echo:hi"), await response.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task Non_grpc_content_type_is_HTTP_415()
    {
        await using var t = await TestServer.StartAsync(Bind);
        using var response = await Send(t.Server.Address, TestMethods.Unary.FullName, Frame("hi"), contentType: "application/json");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("")] // no message at all for a unary method
    [InlineData("two")] // two messages for a unary method
    public async Task Unary_needs_exactly_one_request_message(string variant)
    {
        await using var t = await TestServer.StartAsync(Bind);
        var body = variant == "two" ? Frame("a").Concat(Frame("b")).ToArray() : Array.Empty<byte>();
        using var response = await Send(t.Server.Address, TestMethods.Unary.FullName, body);
        Assert.Equal("13", Header(response, "grpc-status"));
    }

    [Fact]
    public async Task Truncated_frame_is_INTERNAL()
    {
        await using var t = await TestServer.StartAsync(Bind);
        using var response = await Send(t.Server.Address, TestMethods.Unary.FullName, Frame("hello")[..7]);
        Assert.Equal("13", Header(response, "grpc-status"));
    }

    [Fact]
    public async Task Server_enforces_grpc_timeout_with_DEADLINE_EXCEEDED_in_trailers()
    {
        await using var t = await TestServer.StartAsync(Bind);
        using var response = await Send(t.Server.Address, TestMethods.ServerStream.FullName, Frame("go"), headers: ("grpc-timeout", "2S")); // well below the method's 5 s wait, well above a loaded machine's first write
        Assert.Equal(Frame("early"), await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("4", response.TrailingHeaders.GetValues("grpc-status").Single());
    }
}
