using System.Text;
using Grpc.Core;

namespace BeamConformance.GrpcInterop.Tests.Interop;

/// <summary>The interop scenarios driven by our client against any interop.Echo server.</summary>
internal static class CSharpClientScenarios
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task RunAsync(string scenario, CallInvoker invoker) => scenario switch
    {
        "metadata" => MetadataAsync(invoker),
        "not_found" => NotFoundAsync(invoker),
        "deadline" => DeadlineAsync(invoker),
        "stream_error" => StreamErrorAsync(invoker),
        "client_stream" => ClientStreamAsync(invoker),
        "bidi_pingpong" => PingPongAsync(invoker),
        "bidi_2000" => Bidi2000Async(invoker),
        "cancel" => CancelAsync(invoker),
        "unimplemented" => ExpectStatus(StatusCode.Unimplemented, Unary(invoker, EchoMethods.Nope, "x").ResponseAsync),
        "too_large_request" => ExpectStatus(StatusCode.ResourceExhausted, invoker.AsyncUnaryCall(EchoMethods.Unary, null, default, new byte[5 * 1024 * 1024]).ResponseAsync),
        "too_large_response" => ExpectStatus(StatusCode.ResourceExhausted, Unary(invoker, EchoMethods.Size, (5 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture)).ResponseAsync),
        "concurrent_300" => Concurrent300Async(invoker),
        "idle_bidi" => IdleBidiAsync(invoker),
        _ => throw new ArgumentException($"Unknown scenario '{scenario}'.", nameof(scenario)),
    };

    private static AsyncUnaryCall<byte[]> Unary(CallInvoker invoker, Method<byte[], byte[]> method, string text, CallOptions options = default) =>
        invoker.AsyncUnaryCall(method, null, options, Encoding.UTF8.GetBytes(text));

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private static async Task<RpcException> ExpectStatus(StatusCode code, Task call)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.WaitAsync(TestDefaults.Timeout, Ct));
        Assert.Equal(code, ex.StatusCode);
        return ex;
    }

    private static async Task MetadataAsync(CallInvoker invoker)
    {
        var headers = new Metadata { { "x-ascii", "hello world" }, { "x-blob-bin", new byte[] { 0, 1, 2, 255 } } };
        using var call = Unary(invoker, EchoMethods.Unary, "ping", new CallOptions(headers));
        Assert.Equal("ping", Text(await call.ResponseAsync.WaitAsync(TestDefaults.Timeout, Ct)));
        foreach (var received in new[] { await call.ResponseHeadersAsync, call.GetTrailers() })
        {
            Assert.Equal("hello world", received.GetValue("x-ascii"));
            Assert.Equal(new byte[] { 0, 1, 2, 255 }, received.GetValueBytes("x-blob-bin"));
        }
    }

    private static async Task NotFoundAsync(CallInvoker invoker)
    {
        var ex = await ExpectStatus(StatusCode.NotFound, Unary(invoker, EchoMethods.Fail, "5|" + EchoMethods.NonAscii).ResponseAsync);
        Assert.Equal(EchoMethods.NonAscii, ex.Status.Detail);
    }

    private static Task DeadlineAsync(CallInvoker invoker) =>
        ExpectStatus(StatusCode.DeadlineExceeded, Unary(invoker, EchoMethods.Slow, "5000", new CallOptions(deadline: DateTime.UtcNow.AddMilliseconds(300))).ResponseAsync);

    private static async Task StreamErrorAsync(CallInvoker invoker)
    {
        using var call = invoker.AsyncServerStreamingCall(EchoMethods.StreamThenFail, null, default, "3"u8.ToArray());
        var got = new List<string>();
        var ex = await ExpectStatus(StatusCode.Aborted, Task.Run(async () =>
        {
            await foreach (var m in call.ResponseStream.ReadAllAsync(Ct))
            {
                got.Add(Text(m));
            }
        }, Ct));
        Assert.Equal(EchoMethods.StreamError, ex.Status.Detail);
        Assert.Equal(["m0", "m1", "m2"], got);
    }

    private static async Task ClientStreamAsync(CallInvoker invoker)
    {
        using var call = invoker.AsyncClientStreamingCall(EchoMethods.Collect, null, default);
        foreach (var s in new[] { "a", "b", "c" })
        {
            await call.RequestStream.WriteAsync(Encoding.UTF8.GetBytes(s), Ct);
        }

        await call.RequestStream.CompleteAsync();
        Assert.Equal("a,b,c", Text(await call.ResponseAsync.WaitAsync(TestDefaults.Timeout, Ct)));
    }

    private static async Task PingPongAsync(CallInvoker invoker)
    {
        using var call = invoker.AsyncDuplexStreamingCall(EchoMethods.Bidi, null, default);
        for (var i = 0; i < 100; i++)
        {
            await call.RequestStream.WriteAsync(Encoding.UTF8.GetBytes("p" + i), Ct);
            Assert.True(await call.ResponseStream.MoveNext(Ct).WaitAsync(TestDefaults.Timeout, Ct));
            Assert.Equal("p" + i, Text(call.ResponseStream.Current));
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(Ct).WaitAsync(TestDefaults.Timeout, Ct));
    }

    private static async Task Bidi2000Async(CallInvoker invoker)
    {
        using var call = invoker.AsyncDuplexStreamingCall(EchoMethods.Bidi, null, default);
        var reading = Task.Run(async () =>
        {
            var got = new List<string>();
            await foreach (var m in call.ResponseStream.ReadAllAsync(Ct))
            {
                got.Add(Text(m));
            }

            return got;
        }, Ct);
        for (var i = 0; i < 2000; i++)
        {
            await call.RequestStream.WriteAsync(Encoding.UTF8.GetBytes("m" + i), Ct);
        }

        await call.RequestStream.CompleteAsync();
        Assert.Equal(Enumerable.Range(0, 2000).Select(i => "m" + i), await reading.WaitAsync(TestDefaults.Timeout, Ct));
    }

    private static async Task CancelAsync(CallInvoker invoker)
    {
        using var cts = new CancellationTokenSource();
        using var call = invoker.AsyncServerStreamingCall(EchoMethods.Endless, null, new CallOptions(cancellationToken: cts.Token), "go"u8.ToArray());
        Assert.True(await call.ResponseStream.MoveNext(Ct).WaitAsync(TestDefaults.Timeout, Ct));
        Assert.True(await call.ResponseStream.MoveNext(Ct).WaitAsync(TestDefaults.Timeout, Ct));
        await cts.CancelAsync();
        await ExpectStatus(StatusCode.Cancelled, Task.Run(async () =>
        {
            while (await call.ResponseStream.MoveNext(Ct))
            {
            }
        }, Ct));
        Assert.Equal("yes", Text(await Unary(invoker, EchoMethods.WasCancelled, "?").ResponseAsync.WaitAsync(TestDefaults.Timeout, Ct)));
    }

    private static async Task Concurrent300Async(CallInvoker invoker)
    {
        var calls = Enumerable.Range(0, 300).Select(_ => Unary(invoker, EchoMethods.Slow, "200").ResponseAsync).ToArray();
        var results = await Task.WhenAll(calls).WaitAsync(TestDefaults.Timeout, Ct);
        Assert.All(results, r => Assert.Equal("done", Text(r)));
    }

    private static async Task IdleBidiAsync(CallInvoker invoker)
    {
        using var call = invoker.AsyncDuplexStreamingCall(EchoMethods.Bidi, null, default);
        await call.RequestStream.WriteAsync("before"u8.ToArray(), Ct);
        Assert.True(await call.ResponseStream.MoveNext(Ct).WaitAsync(TestDefaults.Timeout, Ct));
        Assert.Equal("before", Text(call.ResponseStream.Current));
        await Task.Delay(TimeSpan.FromSeconds(10), Ct);
        await call.RequestStream.WriteAsync("after"u8.ToArray(), Ct);
        Assert.True(await call.ResponseStream.MoveNext(Ct).WaitAsync(TestDefaults.Timeout, Ct));
        Assert.Equal("after", Text(call.ResponseStream.Current));
        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(Ct).WaitAsync(TestDefaults.Timeout, Ct));
    }
}
