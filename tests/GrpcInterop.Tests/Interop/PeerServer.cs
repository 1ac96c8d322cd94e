using System.Diagnostics;
using System.Globalization;

namespace BeamConformance.GrpcInterop.Tests.Interop;

/// <summary>A running interop.Echo server of a real peer (node or python), stopped on dispose.</summary>
internal sealed class PeerServer : IAsyncDisposable
{
    private readonly Process _process;

    private PeerServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static async Task<PeerServer> StartAsync(InteropPeer peer)
    {
        var process = Process.Start(peer.StartInfo(peer.ServerScript))!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new InvalidOperationException($"{peer.Name} server exited: {await process.StandardError.ReadToEndAsync(timeout.Token)}");
                if (line.StartsWith("PORT ", StringComparison.Ordinal))
                {
                    _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                    return new PeerServer(process, int.Parse(line[5..], CultureInfo.InvariantCulture));
                }
            }
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
