using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace BeamConformance.Transport.Internal.Server;

/// <summary>The Kestrel application: every request goes to the call router.</summary>
internal sealed class GrpcHttpApplication : IHttpApplication<HttpContext>
{
    private readonly CallRouter _router;

    public GrpcHttpApplication(CallRouter router) => _router = router;

    public HttpContext CreateContext(IFeatureCollection contextFeatures) => new DefaultHttpContext(contextFeatures);

    public Task ProcessRequestAsync(HttpContext context) => _router.HandleAsync(context);

    public void DisposeContext(HttpContext context, Exception? exception)
    {
    }
}
