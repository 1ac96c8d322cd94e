using Microsoft.AspNetCore.Http;

namespace BeamConformance.Transport.Internal.Server;

/// <summary>Runs calls of one method of any shape: reads requests, invokes the handler, writes responses and the status.</summary>
internal sealed class ServerCallHandler<TRequest, TResponse> : ServerCallHandler
{
    private readonly Method<TRequest, TResponse> _method;
    private readonly UnaryServerMethod<TRequest, TResponse>? _unary;
    private readonly ClientStreamingServerMethod<TRequest, TResponse>? _clientStreaming;
    private readonly ServerStreamingServerMethod<TRequest, TResponse>? _serverStreaming;
    private readonly DuplexStreamingServerMethod<TRequest, TResponse>? _duplexStreaming;

    public ServerCallHandler(
        Method<TRequest, TResponse> method,
        UnaryServerMethod<TRequest, TResponse>? unary = null,
        ClientStreamingServerMethod<TRequest, TResponse>? clientStreaming = null,
        ServerStreamingServerMethod<TRequest, TResponse>? serverStreaming = null,
        DuplexStreamingServerMethod<TRequest, TResponse>? duplexStreaming = null)
    {
        _method = method;
        _unary = unary;
        _clientStreaming = clientStreaming;
        _serverStreaming = serverStreaming;
        _duplexStreaming = duplexStreaming;
        if (unary is null && clientStreaming is null && serverStreaming is null && duplexStreaming is null)
        {
            throw new ArgumentNullException(nameof(unary), $"No handler given for {method.FullName}.");
        }
    }

    public override async Task HandleAsync(HttpContext httpContext, CallRouter router)
    {
        using var context = new HttpServerCallContext(httpContext, _method.FullName, router);
        context.Initialize();
        ServerLog.CallStarted(router.Logger, _method.FullName, context.Peer);
        Status status;
        try
        {
            await RunHandlerAsync(context).ConfigureAwait(false);
            status = context.Status;
        }
        catch (RpcException ex)
        {
            status = ex.Status;
            foreach (var entry in ex.Trailers)
            {
                context.ResponseTrailers.Add(entry);
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            status = context.EndedStatus();
        }
        catch (Exception ex)
        {
            ServerLog.HandlerThrew(router.Logger, _method.FullName, ex);
            status = new Status(
                StatusCode.Unknown,
                router.Options.EnableDetailedErrors ? $"Exception was thrown by handler. {ex.GetType().Name}: {ex.Message}" : "Exception was thrown by handler.",
                ex);
        }

        await context.EndCallAsync(status).ConfigureAwait(false);
        await context.WaitForDeadlineStatusAsync().ConfigureAwait(false);
    }

    private async Task RunHandlerAsync(HttpServerCallContext context)
    {
        var requests = new ServerStreamReader<TRequest>(context, _method.RequestMarshaller);
        var responses = new ServerStreamWriter<TResponse>(context, _method.ResponseMarshaller);
        switch (_method.Type)
        {
            case MethodType.Unary:
            {
                var request = await requests.ReadSingleAsync().ConfigureAwait(false);
                var response = await _unary!(request, context).ConfigureAwait(false);
                await responses.WriteAsync(response).ConfigureAwait(false);
                break;
            }

            case MethodType.ServerStreaming:
            {
                var request = await requests.ReadSingleAsync().ConfigureAwait(false);
                await _serverStreaming!(request, responses, context).ConfigureAwait(false);
                break;
            }

            case MethodType.ClientStreaming:
            {
                var response = await _clientStreaming!(requests, context).ConfigureAwait(false);
                await responses.WriteAsync(response).ConfigureAwait(false);
                break;
            }

            default:
                await _duplexStreaming!(requests, responses, context).ConfigureAwait(false);
                break;
        }
    }
}
