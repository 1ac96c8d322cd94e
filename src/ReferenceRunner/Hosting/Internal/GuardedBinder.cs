using Grpc.Core;

namespace BeamConformance.ReferenceRunner.Hosting.Internal;

/// <summary>
/// Binds every handler of the runner through one guard, so that every error reaches the client as a status it can
/// read: an <see cref="RpcException"/> whose message is longer than <see cref="StatusDetails.MaxMessageBytes"/> is
/// sent with the message cut there (trailers kept); any other exception (a runner bug) becomes INTERNAL
/// <c>ReferenceRunner bug: Type: message</c> instead of the transport's UNKNOWN, except a payload that does not
/// parse (INVALID_ARGUMENT). Cancellation of the call passes through untouched.
/// </summary>
internal sealed class GuardedBinder(ServiceBinderBase inner) : ServiceBinderBase
{
    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        inner.AddMethod(Parsed(method), (request, context) => GuardAsync(() => handler(request, context), context));
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        inner.AddMethod(Parsed(method), (requests, context) => GuardAsync(() => handler(requests, context), context));
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        inner.AddMethod(Parsed(method), (request, responses, context) => GuardAsync(async () => { await handler(request, responses, context).ConfigureAwait(false); return true; }, context));
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        inner.AddMethod(Parsed(method), (requests, responses, context) => GuardAsync(async () => { await handler(requests, responses, context).ConfigureAwait(false); return true; }, context));
    }

    // grpc-dotnet parses a request before any handler runs, and a parse failure there would reach the client as
    // UNKNOWN "Exception was thrown by handler.": the request parser answers INVALID_ARGUMENT itself.
    private static Method<TRequest, TResponse> Parsed<TRequest, TResponse>(Method<TRequest, TResponse> method)
        where TRequest : class
        where TResponse : class
    {
        var parse = method.RequestMarshaller.ContextualDeserializer;
        var requests = new Marshaller<TRequest>(method.RequestMarshaller.ContextualSerializer, context =>
        {
            try
            {
                return parse(context);
            }
            catch (Google.Protobuf.InvalidProtocolBufferException e)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, StatusDetails.Cap($"{method.FullName}: the request does not parse as {typeof(TRequest).Name}: {e.Message}")));
            }
        });
        return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, requests, method.ResponseMarshaller);
    }

    private static async Task<T> GuardAsync<T>(Func<Task<T>> call, ServerCallContext context)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (Translate(e, context) is { } status)
        {
            throw status;
        }
    }

    // Null: rethrow as it is (a status within the cap, or the call's own cancellation).
    private static RpcException? Translate(Exception e, ServerCallContext context)
    {
        switch (e)
        {
            case RpcException rpc:
                var capped = StatusDetails.Cap(rpc.Status.Detail);
                return capped == rpc.Status.Detail ? null : new RpcException(new Status(rpc.StatusCode, capped), rpc.Trailers);
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                return null;
            case Google.Protobuf.InvalidProtocolBufferException:
                return new RpcException(new Status(StatusCode.InvalidArgument, StatusDetails.Cap($"a payload in the request does not parse: {e.Message}")));
            default:
                return new RpcException(new Status(StatusCode.Internal, StatusDetails.Cap($"ReferenceRunner bug: {e.GetType().Name}: {e.Message}")));
        }
    }
}
