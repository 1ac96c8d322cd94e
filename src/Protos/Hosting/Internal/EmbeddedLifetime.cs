using Microsoft.Extensions.Hosting;

namespace BeamConformance.Protos.Hosting.Internal;

/// <summary>A host lifetime that leaves Ctrl-C and SIGTERM to the process that embeds the server (tests, the CLI, Program).</summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
