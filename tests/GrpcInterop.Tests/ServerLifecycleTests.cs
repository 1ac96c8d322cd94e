using Grpc.Core;

namespace BeamConformance.GrpcInterop.Tests;

/// <summary>Concurrency beyond one connection's stream limit, and shutdown.</summary>
public sealed class ServerLifecycleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(300, MethodType.Unary)] // 3x Kestrel's 100 streams per connection
    [InlineData(300, MethodType.DuplexStreaming)] // 300 long-lived streams open at once
    public async Task Concurrent_calls_beyond_one_connections_stream_limit(int calls, MethodType shape)
    {
        var open = 0;
        var allOpen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var t = await TestServer.StartAsync(s =>
        {
            s.AddMethod(TestMethods.Unary, new UnaryServerMethod<string, string>(async (r, _) =>
            {
                if (Interlocked.Increment(ref open) == calls)
                {
                    allOpen.SetResult();
                }

                await allOpen.Task.WaitAsync(TestDefaults.Timeout);
                return r;
            }));
            s.AddMethod(TestMethods.Duplex, async (IAsyncStreamReader<string> requests, IServerStreamWriter<string> responses, ServerCallContext _) =>
            {
                if (Interlocked.Increment(ref open) == calls)
                {
                    allOpen.SetResult();
                }

                await allOpen.Task.WaitAsync(TestDefaults.Timeout);
                await foreach (var r in requests.ReadAllAsync())
                {
                    await responses.WriteAsync(r);
                }
            });
        });
        var tasks = Enumerable.Range(0, calls).Select(async i =>
        {
            var text = "c" + i;
            if (shape == MethodType.Unary)
            {
                return await t.Invoker.AsyncUnaryCall(TestMethods.Unary, null, new CallOptions(), text).ResponseAsync;
            }

            using var call = t.Invoker.AsyncDuplexStreamingCall(TestMethods.Duplex, null, new CallOptions());
            await call.RequestStream.WriteAsync(text, Ct);
            Assert.True(await call.ResponseStream.MoveNext(Ct));
            var echoed = call.ResponseStream.Current;
            await call.RequestStream.CompleteAsync();
            Assert.False(await call.ResponseStream.MoveNext(Ct));
            return echoed;
        }).ToArray();
        var results = await Task.WhenAll(tasks).WaitAsync(TestDefaults.Timeout, Ct);
        Assert.Equal(Enumerable.Range(0, calls).Select(i => "c" + i), results);
    }

    [Fact]
    public async Task Graceful_stop_lets_a_running_call_finish_and_refuses_new_ones()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var t = await TestServer.StartAsync(s => s.AddMethod(TestMethods.Unary, new UnaryServerMethod<string, string>(async (r, _) =>
        {
            started.SetResult();
            await release.Task;
            return "finished:" + r;
        })));
        await using var _ = t;
        using var running = t.Invoker.AsyncUnaryCall(TestMethods.Unary, null, new CallOptions(), "x");
        await started.Task.WaitAsync(TestDefaults.Timeout, Ct);
        var stopping = t.Server.StopAsync(CancellationToken.None);
        await Task.Delay(200, Ct);
        Assert.False(stopping.IsCompleted);
        release.SetResult();
        Assert.Equal("finished:x", await running.ResponseAsync.WaitAsync(TestDefaults.Timeout, Ct));
        await stopping.WaitAsync(TestDefaults.Timeout, Ct);

        using var channel = GrpcChannel.ForAddress(t.Server.Address);
        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker().AsyncUnaryCall(TestMethods.Unary, null, new CallOptions(), "y").ResponseAsync.WaitAsync(TestDefaults.Timeout, Ct));
        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
    }

    [Fact]
    public async Task Stop_grace_period_ending_cancels_long_streams()
    {
        var handlerCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var t = await TestServer.StartAsync(s => s.AddMethod(TestMethods.Duplex, async (IAsyncStreamReader<string> _, IServerStreamWriter<string> w, ServerCallContext ctx) =>
        {
            await w.WriteAsync("open");
            using var reg = ctx.CancellationToken.Register(handlerCancelled.SetResult);
            await Task.Delay(Timeout.Infinite, ctx.CancellationToken);
        }));
        await using var _ = t;
        using var call = t.Invoker.AsyncDuplexStreamingCall(TestMethods.Duplex, null, new CallOptions());
        Assert.True(await call.ResponseStream.MoveNext(Ct));
        using var grace = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await t.Server.StopAsync(grace.Token).WaitAsync(TestDefaults.Timeout, Ct);
        await handlerCancelled.Task.WaitAsync(TestDefaults.Timeout, Ct);
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(Ct).WaitAsync(TestDefaults.Timeout, Ct));
        Assert.NotEqual(StatusCode.OK, ex.StatusCode);
    }

    [Fact]
    public async Task Registering_a_method_twice_or_after_start_is_an_error()
    {
        var server = new GrpcServer();
        await using var _ = server;
        server.AddMethod(TestMethods.Unary, new UnaryServerMethod<string, string>((r, _) => Task.FromResult(r)));
        Assert.Throws<ArgumentException>(() => server.AddMethod(TestMethods.Unary, new UnaryServerMethod<string, string>((r, _) => Task.FromResult(r))));
        Assert.Throws<ArgumentException>(() => server.AddMethod(TestMethods.ServerStream, new UnaryServerMethod<string, string>((r, _) => Task.FromResult(r))));
        await server.StartAsync(Ct);
        Assert.Throws<InvalidOperationException>(() => server.AddMethod(TestMethods.Duplex, (IAsyncStreamReader<string> _, IServerStreamWriter<string> _, ServerCallContext _) => Task.CompletedTask));
    }
}
