using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BeamConformance.Transport.Internal.Server;

/// <summary>Routes each HTTP/2 request to the handler registered for its path, or answers UNIMPLEMENTED.</summary>
internal sealed class CallRouter
{
    private readonly Dictionary<string, ServerCallHandler> _handlers = new(StringComparer.Ordinal);
    private FrozenDictionary<string, ServerCallHandler>? _frozen;

    public CallRouter(GrpcServerOptions options, CancellationToken shutdownToken)
    {
        Options = options;
        ShutdownToken = shutdownToken;
        Logger = options.LoggerFactory.CreateLogger("BeamConformance.Transport.GrpcServer");
    }

    public GrpcServerOptions Options { get; }

    public ILogger Logger { get; }

    public CancellationToken ShutdownToken { get; }

    public Uri? Address { get; set; }

    public void Add(string path, ServerCallHandler handler)
    {
        if (_frozen is not null)
        {
            throw new InvalidOperationException($"Cannot add {path}: the gRPC server has started; register methods before StartAsync.");
        }

        if (!_handlers.TryAdd(path, handler))
        {
            throw new ArgumentException($"The method {path} is already registered on this server.", nameof(path));
        }
    }

    public void Freeze() => _frozen = _handlers.ToFrozenDictionary(StringComparer.Ordinal);

    public Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var path = request.Path.Value ?? string.Empty;
        if (!HttpMethods.IsPost(request.Method))
        {
            return Reject(http, path, StatusCodes.Status405MethodNotAllowed, StatusCode.Internal, $"gRPC requires POST, got {request.Method}.");
        }

        var contentType = request.ContentType;
        if (contentType is null || !contentType.StartsWith(GrpcProtocol.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return Reject(http, path, StatusCodes.Status415UnsupportedMediaType, StatusCode.Internal, $"Content-Type '{contentType}' is not application/grpc.");
        }

        if (_frozen!.TryGetValue(path, out var handler))
        {
            return handler.HandleAsync(http, this);
        }

        ServerLog.UnknownMethod(Logger, path);
        return Reject(http, path, StatusCodes.Status200OK, StatusCode.Unimplemented, $"Method {path} is not implemented by this server.");
    }

    private Task Reject(HttpContext http, string path, int httpStatus, StatusCode code, string detail)
    {
        if (code != StatusCode.Unimplemented)
        {
            ServerLog.RequestRejected(Logger, path, detail);
        }

        var response = http.Response;
        response.StatusCode = httpStatus;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.StatusHeader] = ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers[GrpcProtocol.MessageHeader] = GrpcProtocol.PercentEncode(detail);
        return response.CompleteAsync();
    }
}
