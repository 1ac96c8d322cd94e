using Grpc.Core;

namespace BeamConformance.GrpcInterop.Tests;

/// <summary>Every call shape, in process, C# client to C# server.</summary>
public sealed class CallShapeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void BindEcho(GrpcServer server)
    {
        server.AddMethod(TestMethods.Unary, new UnaryServerMethod<string, string>((request, _) => Task.FromResult("echo:" + request)));
        server.AddMethod(TestMethods.ServerStream, async (request, responses, _) =>
        {
            var count = int.Parse(request, System.Globalization.CultureInfo.InvariantCulture);
            for (var i = 0; i < count; i++)
            {
                await responses.WriteAsync("m" + i);
            }
        });
        server.AddMethod(TestMethods.ClientStream, new ClientStreamingServerMethod<string, string>(async (requests, _) =>
        {
            var all = new List<string>();
            await foreach (var r in requests.ReadAllAsync())
            {
                all.Add(r);
            }

            return string.Join(",", all);
        }));
        server.AddMethod(TestMethods.Duplex, async (requests, responses, _) =>
        {
            await foreach (var r in requests.ReadAllAsync())
            {
                await responses.WriteAsync("pong:" + r);
            }
        });
    }

    [Theory]
    [InlineData("hello")] // plain ASCII
    [InlineData("")] // an empty message is a valid 0-length frame
    [InlineData("héllo wörld ✓")] // UTF-8 payload bytes pass through
    public async Task Unary_echoes(string request)
    {
        await using var t = await TestServer.StartAsync(BindEcho);
        using var call = t.Invoker.AsyncUnaryCall(TestMethods.Unary, null, new CallOptions(), request);
        Assert.Equal("echo:" + request, await call.ResponseAsync.WaitAsync(TestDefaults.Timeout, Ct));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Theory]
    [InlineData(0)] // no messages, just OK
    [InlineData(1)] // one message
    [InlineData(5000)] // many small messages batched into few flushes
    public async Task ServerStreaming_delivers_all_messages_in_order(int count)
    {
        await using var t = await TestServer.StartAsync(BindEcho);
        using var call = t.Invoker.AsyncServerStreamingCall(TestMethods.ServerStream, null, new CallOptions(), count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var received = new List<string>();
        await foreach (var m in call.ResponseStream.ReadAllAsync(Ct))
        {
            received.Add(m);
        }

        Assert.Equal(Enumerable.Range(0, count).Select(i => "m" + i), received);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Theory]
    [InlineData(new string[0], "")] // no requests
    [InlineData(new[] { "a" }, "a")] // one request
    [InlineData(new[] { "a", "b", "c" }, "a,b,c")] // several, in order
    public async Task ClientStreaming_receives_all_requests(string[] requests, string expected)
    {
        await using var t = await TestServer.StartAsync(BindEcho);
        using var call = t.Invoker.AsyncClientStreamingCall(TestMethods.ClientStream, null, new CallOptions());
        foreach (var r in requests)
        {
            await call.RequestStream.WriteAsync(r, Ct);
        }

        await call.RequestStream.CompleteAsync();
        Assert.Equal(expected, await call.ResponseAsync.WaitAsync(TestDefaults.Timeout, Ct));
    }

    [Fact]
    public async Task Duplex_ping_pong_one_at_a_time()
    {
        await using var t = await TestServer.StartAsync(BindEcho);
        using var call = t.Invoker.AsyncDuplexStreamingCall(TestMethods.Duplex, null, new CallOptions());
        for (var i = 0; i < 100; i++)
        {
            await call.RequestStream.WriteAsync("p" + i, Ct);
            Assert.True(await call.ResponseStream.MoveNext(Ct));
            Assert.Equal("pong:p" + i, call.ResponseStream.Current);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(Ct));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Duplex_writes_2000_messages_while_reading()
    {
        await using var t = await TestServer.StartAsync(BindEcho);
        using var call = t.Invoker.AsyncDuplexStreamingCall(TestMethods.Duplex, null, new CallOptions());
        var reading = Task.Run(async () =>
        {
            var got = new List<string>();
            await foreach (var m in call.ResponseStream.ReadAllAsync(Ct))
            {
                got.Add(m);
            }

            return got;
        }, Ct);
        for (var i = 0; i < 2000; i++)
        {
            await call.RequestStream.WriteAsync("p" + i, Ct);
        }

        await call.RequestStream.CompleteAsync();
        var received = await reading.WaitAsync(TestDefaults.Timeout, Ct);
        Assert.Equal(Enumerable.Range(0, 2000).Select(i => "pong:p" + i), received);
    }
}
