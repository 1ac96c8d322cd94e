using System.Diagnostics;
using System.Globalization;
using BeamConformance.Protos.Hosting;
using Grpc.Core;
using Grpc.Net.Client;

namespace BeamConformance.Benchmarks;

/// <summary>
/// The C# side of the bidi echo of <see cref="TransportBidiEcho"/>, over grpc-dotnet (a <see cref="GrpcServer"/> on Kestrel with
/// Grpc.AspNetCore, a <see cref="GrpcChannel"/> client): N messages written on one duplex call while their echoes are
/// read, after a 10% warm-up call. With <c>bufferHint</c>, every write but the last carries
/// <see cref="WriteFlags.BufferHint"/>.
/// </summary>
public static class GrpcDotnetBidiEcho
{
    private static readonly Method<byte[], byte[]> Bidi = new(MethodType.DuplexStreaming, "interop.Echo", "Bidi", Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b));

    /// <summary>Starts an echo server, measures one call shape and returns its seconds; prints the CPU line when asked.</summary>
    /// <param name="size">Payload bytes per message.</param>
    /// <param name="count">Messages in the measured call.</param>
    /// <param name="bufferHint">Whether writes that another write follows carry BufferHint.</param>
    /// <param name="reportCpu">Whether to print the process CPU used by the measured call.</param>
    /// <returns>Seconds (wall clock) of the measured call.</returns>
    /// <exception cref="InvalidOperationException">Fewer echoes came back than messages were sent.</exception>
    public static async Task<double> MeasureAsync(int size, int count, bool bufferHint, bool reportCpu)
    {
        await using var server = await StartServerAsync().ConfigureAwait(false);
        return await MeasureAsync(server.Address, size, count, bufferHint, reportCpu).ConfigureAwait(false);
    }

    /// <summary>Starts a C# echo server (<c>interop.Echo/Bidi</c>, no receive limit) on a free loopback port.</summary>
    /// <returns>The started server; dispose it.</returns>
    public static async Task<GrpcServer> StartServerAsync()
    {
        var server = new GrpcServer(new GrpcServerOptions { MaxReceiveMessageSize = null });
        server.AddMethod(Bidi, async (IAsyncStreamReader<byte[]> requests, IServerStreamWriter<byte[]> responses, ServerCallContext _) =>
        {
            while (await requests.MoveNext(CancellationToken.None).ConfigureAwait(false))
            {
                await responses.WriteAsync(requests.Current).ConfigureAwait(false);
            }
        });
        await server.StartAsync().ConfigureAwait(false);
        return server;
    }

    /// <summary>Measures one call shape against a running echo server.</summary>
    /// <param name="address">The server's address.</param>
    /// <param name="size">Payload bytes per message.</param>
    /// <param name="count">Messages in the measured call.</param>
    /// <param name="bufferHint">Whether writes that another write follows carry BufferHint.</param>
    /// <param name="reportCpu">Whether to print the process CPU used by the measured call.</param>
    /// <returns>Seconds (wall clock) of the measured call.</returns>
    public static async Task<double> MeasureAsync(Uri address, int size, int count, bool bufferHint, bool reportCpu)
    {
        using var channel = GrpcChannels.ForEndpoint(address, new GrpcChannelOptions { MaxReceiveMessageSize = null });
        var invoker = channel.CreateCallInvoker();
        var payload = new byte[size];
        await EchoAsync(invoker, payload, Math.Max(1, count / 10), bufferHint).ConfigureAwait(false);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var seconds = await EchoAsync(invoker, payload, count, bufferHint).ConfigureAwait(false);
        if (reportCpu)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  (grpc-dotnet C# -> C#{(bufferHint ? " BufferHint" : string.Empty)}, {size} B: client and server used {cpu.TotalSeconds:F2} CPU-s, {(double)count * size / cpu.TotalSeconds / 1e6:F0} MB per CPU-s)"));
        }

        return seconds;
    }

    private static async Task<double> EchoAsync(CallInvoker invoker, byte[] payload, int count, bool bufferHint)
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
        var buffered = new WriteOptions(WriteFlags.BufferHint);
        for (var i = 0; i < count; i++)
        {
            call.RequestStream.WriteOptions = bufferHint && i < count - 1 ? buffered : null;
            await call.RequestStream.WriteAsync(payload).ConfigureAwait(false);
        }

        await call.RequestStream.CompleteAsync().ConfigureAwait(false);
        var got = await reading.ConfigureAwait(false);
        var seconds = clock.Elapsed.TotalSeconds;
        return got == count ? seconds : throw new InvalidOperationException($"Echoed {got} of {count} messages.");
    }
}
