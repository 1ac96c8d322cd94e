using System.Globalization;
using System.Text;
using Grpc.Core;

namespace BeamConformance.GrpcInterop.Tests.Interop;

/// <summary>The C# implementation of interop.Echo, served to the grpc-js and grpcio clients.</summary>
internal sealed class CSharpEchoService
{
    private TaskCompletionSource<bool>? _lastEndless;

    public void Bind(GrpcServer server)
    {
        server.AddMethod(EchoMethods.Unary, new UnaryServerMethod<byte[], byte[]>(UnaryAsync));
        server.AddMethod(EchoMethods.Fail, new UnaryServerMethod<byte[], byte[]>((request, _) =>
        {
            var text = Encoding.UTF8.GetString(request);
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            throw new RpcException(new Status((StatusCode)int.Parse(text[..bar], CultureInfo.InvariantCulture), text[(bar + 1)..]));
        }));
        server.AddMethod(EchoMethods.Slow, new UnaryServerMethod<byte[], byte[]>(async (request, ctx) =>
        {
            await Task.Delay(Number(request), ctx.CancellationToken);
            return "done"u8.ToArray();
        }));
        server.AddMethod(EchoMethods.Size, new UnaryServerMethod<byte[], byte[]>((request, _) =>
            Task.FromResult(Enumerable.Repeat((byte)'x', Number(request)).ToArray())));
        server.AddMethod(EchoMethods.StreamThenFail, async (byte[] request, IServerStreamWriter<byte[]> responses, ServerCallContext _) =>
        {
            for (var i = 0; i < Number(request); i++)
            {
                await responses.WriteAsync(Encoding.UTF8.GetBytes("m" + i));
            }

            throw new RpcException(new Status(StatusCode.Aborted, EchoMethods.StreamError));
        });
        server.AddMethod(EchoMethods.Endless, async (byte[] _, IServerStreamWriter<byte[]> responses, ServerCallContext ctx) =>
        {
            var seen = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _lastEndless = seen;
            using var registration = ctx.CancellationToken.Register(() => seen.TrySetResult(true));
            for (var i = 0; ; i++)
            {
                await responses.WriteAsync(Encoding.UTF8.GetBytes("tick" + i));
                await Task.Delay(20, ctx.CancellationToken);
            }
        });
        server.AddMethod(EchoMethods.WasCancelled, new UnaryServerMethod<byte[], byte[]>(async (_, _) =>
        {
            var seen = _lastEndless?.Task ?? Task.FromResult(false);
            var yes = await seen.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default);
            return Encoding.UTF8.GetBytes(yes ? "yes" : "no");
        }));
        server.AddMethod(EchoMethods.Collect, new ClientStreamingServerMethod<byte[], byte[]>(async (requests, _) =>
        {
            var parts = new List<string>();
            await foreach (var r in requests.ReadAllAsync())
            {
                parts.Add(Encoding.UTF8.GetString(r));
            }

            return Encoding.UTF8.GetBytes(string.Join(",", parts));
        }));
        server.AddMethod(EchoMethods.Bidi, async (IAsyncStreamReader<byte[]> requests, IServerStreamWriter<byte[]> responses, ServerCallContext _) =>
        {
            await foreach (var r in requests.ReadAllAsync())
            {
                await responses.WriteAsync(r);
            }
        });
    }

    private static async Task<byte[]> UnaryAsync(byte[] request, ServerCallContext context)
    {
        var echoed = new Metadata();
        foreach (var entry in context.RequestHeaders.Where(e => e.Key.StartsWith("x-", StringComparison.Ordinal)))
        {
            echoed.Add(entry);
            context.ResponseTrailers.Add(entry);
        }

        await context.WriteResponseHeadersAsync(echoed);
        return request;
    }

    private static int Number(byte[] request) => int.Parse(Encoding.UTF8.GetString(request), CultureInfo.InvariantCulture);
}
