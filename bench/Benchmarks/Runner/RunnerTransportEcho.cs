using System.Diagnostics;
using BeamConformance.Transport;

namespace BeamConformance.Benchmarks.Runner;

/// <summary>
/// The transport's raw bidi figure for comparison with the runner's: one duplex call on which the C# client writes
/// <c>count</c> messages of <c>size</c> bytes while reading their echoes from a C# <see cref="GrpcServer"/> over
/// loopback (after a 10% warm-up call), the same shape as TransportBidiEcho's C# → C# row.
/// </summary>
internal static class RunnerTransportEcho
{
    private static readonly Method<byte[], byte[]> Bidi = new(MethodType.DuplexStreaming, "interop.Echo", "Bidi", Marshallers.Bytes, Marshallers.Bytes);

    /// <summary>Echoes <paramref name="count"/> messages of <paramref name="size"/> bytes.</summary>
    /// <returns>Seconds for the measured call.</returns>
    public static async Task<double> MeasureAsync(int size, int count)
    {
        await using var server = new GrpcServer(new GrpcServerOptions { MaxReceiveMessageSize = null });
        server.AddMethod(Bidi, async (IAsyncStreamReader<byte[]> requests, IServerStreamWriter<byte[]> responses, ServerCallContext _) =>
        {
            while (await requests.MoveNext(CancellationToken.None).ConfigureAwait(false))
            {
                await responses.WriteAsync(requests.Current).ConfigureAwait(false);
            }
        });
        var address = await server.StartAsync().ConfigureAwait(false);
        using var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { MaxReceiveMessageSize = null });
        var invoker = channel.CreateCallInvoker();
        var payload = new byte[size];
        await EchoAsync(invoker, payload, Math.Max(1, count / 10)).ConfigureAwait(false);
        return await EchoAsync(invoker, payload, count).ConfigureAwait(false);
    }

    private static async Task<double> EchoAsync(CallInvoker invoker, byte[] payload, int count)
    {
        using var call = invoker.AsyncDuplexStreamingCall(Bidi, null, default);
        var clock = Stopwatch.StartNew();
        var reading = Task.Run(async () =>
        {
            var received = 0;
            while (await call.ResponseStream.MoveNext(CancellationToken.None).ConfigureAwait(false))
            {
                received++;
            }

            return received;
        });
        for (var i = 0; i < count; i++)
        {
            await call.RequestStream.WriteAsync(payload).ConfigureAwait(false);
        }

        await call.RequestStream.CompleteAsync().ConfigureAwait(false);
        var got = await reading.ConfigureAwait(false);
        var seconds = clock.Elapsed.TotalSeconds;
        return got == count ? seconds : throw new InvalidOperationException($"Echoed {got} of {count} messages.");
    }
}
