using Grpc.Core;

namespace BeamConformance.GrpcInterop.Tests;

/// <summary>Deadlines, cancellation (RST_STREAM) and writes on ended calls, seen from both sides.</summary>
public sealed class DeadlineAndCancellationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true)] // the slow handler honours its cancellation token
    [InlineData(false)] // the slow handler ignores it: the client still gets DEADLINE_EXCEEDED on time
    public async Task Deadline_against_a_slow_handler_is_DEADLINE_EXCEEDED_on_both_sides(bool honourToken)
    {
        var serverSaw = new TaskCompletionSource<(bool Cancelled, DateTime Deadline)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var t = await TestServer.StartAsync(s => s.AddMethod(TestMethods.Unary, new UnaryServerMethod<string, string>(async (r, ctx) =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(honourToken ? 30 : 2), honourToken ? ctx.CancellationToken : CancellationToken.None);
            }
            finally
            {
                serverSaw.TrySetResult((ctx.CancellationToken.IsCancellationRequested, ctx.Deadline));
            }

            return r;
        })));
        var deadline = DateTime.UtcNow.AddSeconds(1);
        using var call = t.Invoker.AsyncUnaryCall(TestMethods.Unary, null, new CallOptions(deadline: deadline), "x");
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(TestDefaults.Timeout, Ct));
        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        var (cancelled, serverDeadline) = await serverSaw.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.True(cancelled);
        Assert.InRange(serverDeadline, deadline.AddSeconds(-1), deadline.AddSeconds(1));
    }

    [Fact]
    public async Task Deadline_already_passed_fails_without_sending()
    {
        var calls = 0;
        await using var t = await TestServer.StartAsync(s => s.AddMethod(TestMethods.Unary, new UnaryServerMethod<string, string>((r, _) =>
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult(r);
        })));
        using var call = t.Invoker.AsyncUnaryCall(TestMethods.Unary, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(-1)), "x");
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(TestDefaults.Timeout, Ct));
        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task Deadline_on_a_duplex_stream_while_the_client_reads()
    {
        await using var t = await TestServer.StartAsync(s => s.AddMethod(TestMethods.Duplex, async (IAsyncStreamReader<string> requests, IServerStreamWriter<string> responses, ServerCallContext ctx) =>
        {
            await responses.WriteAsync("first");
            await Task.Delay(Timeout.Infinite, ctx.CancellationToken);
        }));
        using var call = t.Invoker.AsyncDuplexStreamingCall(TestMethods.Duplex, null, new CallOptions(deadline: DateTime.UtcNow.AddMilliseconds(400)));
        Assert.True(await call.ResponseStream.MoveNext(Ct));
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(Ct));
        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        var writeError = await Assert.ThrowsAsync<RpcException>(() => call.RequestStream.WriteAsync("late", Ct));
        Assert.Equal(StatusCode.DeadlineExceeded, writeError.StatusCode);
    }

    [Theory]
    [InlineData("token")] // CallOptions.CancellationToken
    [InlineData("dispose")] // disposing the call
    [InlineData("movenext")] // the token passed to MoveNext
    public async Task Cancel_mid_stream_is_seen_by_the_server(string how)
    {
        var serverCancelled = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var t = await TestServer.StartAsync(s => s.AddMethod(TestMethods.ServerStream, async (string _, IServerStreamWriter<string> responses, ServerCallContext ctx) =>
        {
            using var reg = ctx.CancellationToken.Register(() => serverCancelled.TrySetResult(null));
            try
            {
                for (var i = 0; ; i++)
                {
                    await responses.WriteAsync("m" + i);
                    await Task.Delay(10, CancellationToken.None);
                }
            }
            catch (Exception ex)
            {
                serverCancelled.TrySetResult(ex);
                throw;
            }
        }));
        using var cts = new CancellationTokenSource();
        var call = t.Invoker.AsyncServerStreamingCall(TestMethods.ServerStream, null, new CallOptions(cancellationToken: how == "token" ? cts.Token : default), "go");
        Assert.True(await call.ResponseStream.MoveNext(Ct));
        Assert.True(await call.ResponseStream.MoveNext(Ct));
        using var moveNextCts = new CancellationTokenSource();
        switch (how)
        {
            case "token":
                await cts.CancelAsync();
                break;
            case "dispose":
                call.Dispose();
                break;
            default:
                await moveNextCts.CancelAsync();
                break;
        }

        async Task ReadToEnd()
        {
            while (await call.ResponseStream.MoveNext(moveNextCts.Token))
            {
            }
        }

        if (how == "dispose")
        {
            // grpc-dotnet: a disposed call's response stream is disposed with it.
            await Assert.ThrowsAsync<ObjectDisposedException>(ReadToEnd);
        }
        else
        {
            var ex = await Assert.ThrowsAsync<RpcException>(ReadToEnd);
            Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
            Assert.Equal(StatusCode.Cancelled, call.GetStatus().StatusCode);
        }

        var serverError = await serverCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        // Either the token fired first (null) or a write failed: then it must be a status, not ObjectDisposedException.
        if (serverError is not null)
        {
            Assert.Equal(StatusCode.Cancelled, Assert.IsType<RpcException>(serverError).StatusCode);
        }

        call.Dispose();
    }

    [Fact]
    public async Task Server_writes_after_the_client_reset_fail_and_the_server_stays_up()
    {
        var writeError = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var t = await TestServer.StartAsync(s => s.AddMethod(TestMethods.Duplex, async (IAsyncStreamReader<string> _, IServerStreamWriter<string> responses, ServerCallContext ctx) =>
        {
            await responses.WriteAsync("hello");
            await Task.Delay(Timeout.Infinite, ctx.CancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            cancelled.SetResult();
            try
            {
                for (var i = 0; i < 100; i++)
                {
                    await responses.WriteAsync("after reset");
                }
            }
            catch (Exception ex)
            {
                writeError.SetResult(ex);
            }
        }));
        var call = t.Invoker.AsyncDuplexStreamingCall(TestMethods.Duplex, null, new CallOptions());
        Assert.True(await call.ResponseStream.MoveNext(Ct));
        call.Dispose();
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        var error = await writeError.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        // grpc-dotnet: a write to a call the client reset is refused (the handler's token has fired).
        Assert.Equal("Can't write the message because the request is complete.", Assert.IsType<InvalidOperationException>(error).Message);
        using var again = t.Invoker.AsyncDuplexStreamingCall(TestMethods.Duplex, null, new CallOptions());
        Assert.True(await again.ResponseStream.MoveNext(Ct));
        Assert.Equal("hello", again.ResponseStream.Current);
    }

    [Fact]
    public async Task Client_writes_after_the_server_ended_the_call_report_its_status()
    {
        await using var t = await TestServer.StartAsync(s => s.AddMethod(TestMethods.Duplex, async (IAsyncStreamReader<string> requests, IServerStreamWriter<string> _, ServerCallContext _) =>
        {
            await requests.MoveNext(CancellationToken.None);
            throw new RpcException(new Status(StatusCode.PermissionDenied, "no more"));
        }));
        using var call = t.Invoker.AsyncDuplexStreamingCall(TestMethods.Duplex, null, new CallOptions());
        await call.RequestStream.WriteAsync("one", Ct);
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(Ct));
        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        var writeEx = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            for (var i = 0; i < 1000; i++)
            {
                await call.RequestStream.WriteAsync(new string('w', 1000), Ct);
            }
        });
        Assert.Equal(StatusCode.PermissionDenied, writeEx.StatusCode);
    }
}
