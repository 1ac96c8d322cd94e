using BeamConformance.Transport;

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
    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler) =>
        inner.AddMethod(method, (request, context) => GuardAsync(() => handler(request, context), context));

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler) =>
        inner.AddMethod(method, (requests, context) => GuardAsync(() => handler(requests, context), context));

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler) =>
        inner.AddMethod(method, (request, responses, context) => GuardAsync(async () => { await handler(request, responses, context).ConfigureAwait(false); return true; }, context));

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler) =>
        inner.AddMethod(method, (requests, responses, context) => GuardAsync(async () => { await handler(requests, responses, context).ConfigureAwait(false); return true; }, context));

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
