using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace BeamConformance.Benchmarks;

/// <summary>
/// Bidi echo throughput of grpc-dotnet (as the runner hosts it) against grpc-js: `dotnet run -c Release --project
/// bench/Benchmarks -- transport`. Each run writes N messages on one duplex call while reading their echoes (after a
/// 10% warm-up call) and reports messages per second and payload MB/s (10^6 bytes, one direction). Pairs: grpc-dotnet
/// client to grpc-dotnet server (plain, and with BufferHint on every write but the last), grpc-js client to the
/// grpc-dotnet server, grpc-js client to grpc-js server (interop/grpc, needs `npm ci` there).
/// </summary>
public static class TransportBidiEcho
{
    /// <summary>Runs every pair for 1 KiB and 64 KiB messages and prints a table.</summary>
    /// <param name="args">Optional: messages at 1 KiB, messages at 64 KiB.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        var smallCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var largeCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
        var interop = FindInteropDirectory();
        await using var server = await GrpcDotnetBidiEcho.StartServerAsync().ConfigureAwait(false);
        var address = server.Address;
        using var nodeServer = StartNodeServer(interop, out var nodePort);
        try
        {
            Console.WriteLine($"{"pair",-22} {"size",8} {"messages",9} {"seconds",8} {"msg/s",10} {"MB/s",8}");
            foreach (var (size, count) in new[] { (1024, smallCount), (64 * 1024, largeCount) })
            {
                Report("C# -> C#", size, count, await GrpcDotnetBidiEcho.MeasureAsync(address, size, count, bufferHint: false, reportCpu: true).ConfigureAwait(false));
                Report("C# -> C# BufferHint", size, count, await GrpcDotnetBidiEcho.MeasureAsync(address, size, count, bufferHint: true, reportCpu: true).ConfigureAwait(false));
                Report("grpc-js -> C#", size, count, await NodeClientAsync(interop, address.Port, size, count).ConfigureAwait(false));
                Report("grpc-js -> grpc-js", size, count, await NodeClientAsync(interop, nodePort, size, count).ConfigureAwait(false));
            }
        }
        finally
        {
            nodeServer.Kill(entireProcessTree: true);
        }

        return 0;
    }

    private static void Report(string pair, int size, int count, double seconds) =>
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{pair,-22} {size,8} {count,9} {seconds,8:F3} {count / seconds,10:F0} {(double)count * size / seconds / 1e6,8:F1}"));

    /// <summary>
    /// The C# → C# row alone, without the CPU line: a fresh grpc-dotnet echo server on loopback, one duplex call on
    /// which the C# client writes <paramref name="count"/> messages of <paramref name="size"/> bytes while reading their
    /// echoes (after a 10% warm-up call).
    /// </summary>
    /// <param name="size">Payload bytes per message.</param>
    /// <param name="count">Messages in the measured call.</param>
    /// <returns>Seconds (wall clock) of the measured call.</returns>
    /// <exception cref="InvalidOperationException">Fewer echoes came back than messages were sent.</exception>
    public static Task<double> MeasureCSharpEchoAsync(int size, int count) =>
        GrpcDotnetBidiEcho.MeasureAsync(size, count, bufferHint: false, reportCpu: false);

    private static async Task<double> NodeClientAsync(string interop, int port, int size, int count)
    {
        var info = new ProcessStartInfo("node") { WorkingDirectory = interop, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "bench-client.js", port.ToString(CultureInfo.InvariantCulture), size.ToString(CultureInfo.InvariantCulture), count.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"bench-client.js failed with exit code {process.ExitCode}: {output}");
        }

        using var json = JsonDocument.Parse(output);
        return json.RootElement.GetProperty("seconds").GetDouble();
    }

    private static Process StartNodeServer(string interop, out int port)
    {
        var info = new ProcessStartInfo("node", "server.js") { WorkingDirectory = interop, RedirectStandardOutput = true, UseShellExecute = false };
        var process = Process.Start(info)!;
        var line = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("server.js exited without printing its port.");
        port = int.Parse(line["PORT ".Length..], CultureInfo.InvariantCulture);
        return process;
    }

    private static string FindInteropDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "interop", "grpc");
            if (File.Exists(Path.Combine(candidate, "node_modules", "@grpc", "grpc-js", "package.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("interop/grpc with node_modules not found: run 'npm ci' in interop/grpc.");
    }
}
