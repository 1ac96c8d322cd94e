using System.Text;
using Grpc.Core;

namespace BeamConformance.GrpcInterop.Tests;

/// <summary>Statuses, status messages and metadata, in process.</summary>
public sealed class StatusAndMetadataTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(StatusCode.NotFound, "job 'x' not found")] // plain ASCII detail
    [InlineData(StatusCode.NotFound, "täst ✓ 100%\nsecond line\r\n\tthird")] // non-ASCII, '%', multi-line: percent-encoded on the wire
    [InlineData(StatusCode.InvalidArgument, "")] // no detail at all
    [InlineData(StatusCode.FailedPrecondition, "emoji 🚀 and 中文")] // 4-byte UTF-8 sequences
    public async Task Status_and_detail_arrive_intact_in_a_trailers_only_response(StatusCode code, string detail)
    {
        await using var t = await TestServer.StartAsync(s => s.AddMethod(TestMethods.Unary, new UnaryServerMethod<string, string>((_, _) => throw new RpcException(new Status(code, detail)))));
        using var call = t.Invoker.AsyncUnaryCall(TestMethods.Unary, null, new CallOptions(), "x");
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(TestDefaults.Timeout, Ct));
        Assert.Equal(code, ex.StatusCode);
        Assert.Equal(detail, ex.Status.Detail);
        Assert.Equal(new Status(code, detail), call.GetStatus());
    }

    [Theory]
    [InlineData(0)] // error before any message: trailers-only
    [InlineData(3)] // error after messages: status in trailers
    public async Task Server_streaming_ends_with_an_error_status_after_messages(int messagesBeforeError)
    {
        await using var t = await TestServer.StartAsync(s => s.AddMethod(TestMethods.ServerStream, async (string _, IServerStreamWriter<string> responses, ServerCallContext ctx) =>
        {
            for (var i = 0; i < messagesBeforeError; i++)
            {
                await responses.WriteAsync("m" + i);
            }

            ctx.ResponseTrailers.Add("reason-bin", new byte[] { 0, 1, 254, 255 });
            throw new RpcException(new Status(StatusCode.Aborted, "stopped here ✗"));
        }));
        using var call = t.Invoker.AsyncServerStreamingCall(TestMethods.ServerStream, null, new CallOptions(), "go");
        var received = new List<string>();
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var m in call.ResponseStream.ReadAllAsync(Ct))
            {
                received.Add(m);
            }
        });
        Assert.Equal(Enumerable.Range(0, messagesBeforeError).Select(i => "m" + i), received);
        Assert.Equal(StatusCode.Aborted, ex.StatusCode);
        Assert.Equal("stopped here ✗", ex.Status.Detail);
        Assert.Equal(new byte[] { 0, 1, 254, 255 }, ex.Trailers.GetValueBytes("reason-bin"));
        Assert.Equal(new byte[] { 0, 1, 254, 255 }, call.GetTrailers().GetValueBytes("reason-bin"));
    }

    [Fact]
    public async Task Handler_exception_becomes_UNKNOWN_without_leaking_the_message()
    {
        await using var t = await TestServer.StartAsync(s => s.AddMethod(TestMethods.Unary, new UnaryServerMethod<string, string>((_, _) => throw new InvalidOperationException("secret"))));
        var ex = await Assert.ThrowsAsync<RpcException>(() => t.Invoker.AsyncUnaryCall(TestMethods.Unary, null, new CallOptions(), "x").ResponseAsync.WaitAsync(TestDefaults.Timeout, Ct));
        Assert.Equal(StatusCode.Unknown, ex.StatusCode);
        Assert.Equal("Exception was thrown by handler.", ex.Status.Detail);
    }

    [Theory]
    [InlineData("Missing")] // known service, unknown method
    [InlineData("MissingService")] // unknown service
    public async Task Unknown_method_is_UNIMPLEMENTED(string which)
    {
        var method = which == "Missing" ? TestMethods.Missing : TestMethods.MissingService;
        await using var t = await TestServer.StartAsync(s => s.AddMethod(TestMethods.Unary, new UnaryServerMethod<string, string>((r, _) => Task.FromResult(r))));
        var ex = await Assert.ThrowsAsync<RpcException>(() => t.Invoker.AsyncUnaryCall(method, null, new CallOptions(), "x").ResponseAsync.WaitAsync(TestDefaults.Timeout, Ct));
        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
        Assert.Equal(which == "Missing" ? "Method is unimplemented." : "Service is unimplemented.", ex.Status.Detail);
    }

    [Fact]
    public async Task Request_metadata_reaches_the_handler_and_response_metadata_comes_back()
    {
        Metadata? seen = null;
        string? peer = null;
        await using var t = await TestServer.StartAsync(s => s.AddMethod(TestMethods.Unary, new UnaryServerMethod<string, string>(async (r, ctx) =>
        {
            seen = ctx.RequestHeaders;
            peer = ctx.Peer;
            var headers = new Metadata { { "echo-worker", ctx.RequestHeaders.GetValue("worker_id")! } };
            await ctx.WriteResponseHeadersAsync(headers);
            ctx.ResponseTrailers.Add("echo-bin", ctx.RequestHeaders.GetValueBytes("blob-bin")!);
            return r;
        })));
        var request = new Metadata
        {
            { "worker_id", "worker-7" },
            { "Mixed-Case", "value with spaces" },
            { "blob-bin", new byte[] { 0, 255, 10, 13, 37 } },
            { "empty-bin", Array.Empty<byte>() },
        };
        using var call = t.Invoker.AsyncUnaryCall(TestMethods.Unary, null, new CallOptions(request), "x");
        Assert.Equal("x", await call.ResponseAsync.WaitAsync(TestDefaults.Timeout, Ct));
        Assert.Equal("worker-7", seen!.GetValue("worker_id"));
        Assert.Equal("value with spaces", seen.GetValue("mixed-case"));
        Assert.Equal(new byte[] { 0, 255, 10, 13, 37 }, seen.GetValueBytes("blob-bin"));
        Assert.Null(seen.Get("te")); // transport headers are not metadata
        Assert.Null(seen.Get("content-type"));
        Assert.StartsWith("ipv4:127.0.0.1:", peer, StringComparison.Ordinal);
        Assert.Equal("worker-7", (await call.ResponseHeadersAsync).GetValue("echo-worker"));
        Assert.Equal(new byte[] { 0, 255, 10, 13, 37 }, call.GetTrailers().GetValueBytes("echo-bin"));
    }

    [Theory]
    [InlineData("Bad Key!")] // space and '!' are not allowed in keys
    [InlineData("ключ")] // non-ASCII key
    public void Invalid_metadata_keys_are_rejected(string key) =>
        Assert.Throws<ArgumentException>(() => new Metadata { { key, "v" } });

    [Theory]
    [InlineData("line\nbreak")] // control character
    [InlineData("é")] // non-ASCII in an ASCII value
    public async Task Invalid_ascii_values_fail_the_call_and_the_server_stays_up(string value)
    {
        await using var t = await TestServer.StartAsync(s => s.AddMethod(TestMethods.Unary, new UnaryServerMethod<string, string>((r, ctx) => Task.FromResult(r + ":" + ctx.RequestHeaders.GetValue("k")))));
        var ex = await Assert.ThrowsAsync<RpcException>(() => t.Invoker.AsyncUnaryCall(TestMethods.Unary, null, new CallOptions(new Metadata { { "k", value } }), "x").ResponseAsync.WaitAsync(TestDefaults.Timeout, Ct));
        Assert.Equal(StatusCode.Internal, ex.StatusCode);
        Assert.Equal("y:ok", await t.Invoker.AsyncUnaryCall(TestMethods.Unary, null, new CallOptions(new Metadata { { "k", "ok" } }), "y").ResponseAsync.WaitAsync(TestDefaults.Timeout, Ct));
    }

    [Fact]
    public void Binary_values_need_a_bin_key() =>
        Assert.Throws<ArgumentException>(() => new Metadata { { "k", Encoding.ASCII.GetBytes("v") } });
}
