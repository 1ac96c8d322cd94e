using Microsoft.Extensions.Logging;

namespace BeamConformance.ReferenceRunner.Hosting.Internal;

/// <summary>Log messages of the server's host (the executable): EventIds 1400–1499.</summary>
internal static partial class HostingLog
{
    [LoggerMessage(1401, LogLevel.Information, "Fn API endpoint: {FnApiEndpoint}")]
    public static partial void FnApiEndpoint(ILogger logger, string fnApiEndpoint);
}
