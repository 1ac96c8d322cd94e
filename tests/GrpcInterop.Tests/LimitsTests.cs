using Grpc.Core;

namespace BeamConformance.GrpcInterop.Tests;

/// <summary>Message size limits on both sides.</summary>
public sealed class LimitsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void BindSized(GrpcServer s) =>
        s.AddMethod(TestMethods.Unary, new UnaryServerMethod<string, string>((r, _) =>
            Task.FromResult(r.StartsWith("size:", StringComparison.Ordinal) ? new string('r', int.Parse(r[5..], System.Globalization.CultureInfo.InvariantCulture)) : r)));

    [Theory]
    [InlineData(4 * 1024 * 1024, StatusCode.OK)] // exactly the default 4 MiB limit: accepted
    [InlineData(4 * 1024 * 1024 + 1, StatusCode.ResourceExhausted)] // one byte over
    public async Task Server_receive_limit_defaults_to_4_MiB(int size, StatusCode expected)
    {
        await using var t = await TestServer.StartAsync(s => s.AddMethod(TestMethods.Unary, new UnaryServerMethod<string, string>((r, _) => Task.FromResult(r.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
        using var call = t.Invoker.AsyncUnaryCall(TestMethods.Unary, null, new CallOptions(), new string('q', size));
        if (expected == StatusCode.OK)
        {
            Assert.Equal(size.ToString(System.Globalization.CultureInfo.InvariantCulture), await call.ResponseAsync.WaitAsync(TestDefaults.Timeout, Ct));
        }
        else
        {
            var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(TestDefaults.Timeout, Ct));
            Assert.Equal(expected, ex.StatusCode);
            Assert.Contains("exceeds the maximum", ex.Status.Detail, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(1000, StatusCode.OK)] // under the client's 1000-byte receive limit
    [InlineData(1001, StatusCode.ResourceExhausted)] // over it
    public async Task Client_receive_limit(int size, StatusCode expected)
    {
        await using var t = await TestServer.StartAsync(BindSized, channelOptions: new GrpcChannelOptions { MaxReceiveMessageSize = 1000 });
        using var call = t.Invoker.AsyncUnaryCall(TestMethods.Unary, null, new CallOptions(), "size:" + size);
        var status = await StatusOf(call.ResponseAsync);
        Assert.Equal(expected, status);
    }

    [Theory]
    [InlineData(100, StatusCode.OK)] // at the client's 100-byte send limit
    [InlineData(101, StatusCode.ResourceExhausted)] // over it: never sent
    public async Task Client_send_limit(int size, StatusCode expected)
    {
        await using var t = await TestServer.StartAsync(BindSized, channelOptions: new GrpcChannelOptions { MaxSendMessageSize = 100 });
        using var call = t.Invoker.AsyncUnaryCall(TestMethods.Unary, null, new CallOptions(), new string('s', size));
        Assert.Equal(expected, await StatusOf(call.ResponseAsync));
    }

    [Theory]
    [InlineData(50, StatusCode.OK)] // under the server's 50-byte send limit
    [InlineData(51, StatusCode.ResourceExhausted)] // over it
    public async Task Server_send_limit(int size, StatusCode expected)
    {
        await using var t = await TestServer.StartAsync(BindSized, new GrpcServerOptions { MaxSendMessageSize = 50 });
        using var call = t.Invoker.AsyncUnaryCall(TestMethods.Unary, null, new CallOptions(), "size:" + size);
        Assert.Equal(expected, await StatusOf(call.ResponseAsync));
    }

    [Fact]
    public async Task Client_stream_message_over_the_server_limit_ends_the_call()
    {
        await using var t = await TestServer.StartAsync(
            s => s.AddMethod(TestMethods.ClientStream, new ClientStreamingServerMethod<string, string>(async (requests, _) =>
            {
                var n = 0;
                await foreach (var unused in requests.ReadAllAsync())
                {
                    n++;
                }

                return n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            })),
            new GrpcServerOptions { MaxReceiveMessageSize = 10 });
        using var call = t.Invoker.AsyncClientStreamingCall(TestMethods.ClientStream, null, new CallOptions());
        await call.RequestStream.WriteAsync("short", Ct);
        await call.RequestStream.WriteAsync("this one is too long", Ct);
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(TestDefaults.Timeout, Ct));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    private static async Task<StatusCode> StatusOf(Task<string> response)
    {
        try
        {
            await response.WaitAsync(TestDefaults.Timeout, Ct);
            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }
}
