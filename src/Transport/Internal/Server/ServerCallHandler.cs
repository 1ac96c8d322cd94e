using Microsoft.AspNetCore.Http;

namespace BeamConformance.Transport.Internal.Server;

/// <summary>Runs calls of one registered method.</summary>
internal abstract class ServerCallHandler
{
    /// <summary>Handles one call end to end, writing the status when done.</summary>
    public abstract Task HandleAsync(HttpContext httpContext, CallRouter router);
}
