namespace BeamConformance.Transport;

/// <summary>
/// Registers method handlers (Grpc.Core's binder shape). Typed service bindings call <c>AddMethod</c> once per
/// method; <see cref="GrpcServer"/> is a binder.
/// </summary>
public abstract class ServiceBinderBase
{
    /// <summary>Registers a unary method.</summary>
    /// <typeparam name="TRequest">The request type.</typeparam>
    /// <typeparam name="TResponse">The response type.</typeparam>
    /// <param name="method">The method; its <see cref="Method{TRequest,TResponse}.Type"/> must be Unary.</param>
    /// <param name="handler">The handler.</param>
    public abstract void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler)
        where TRequest : class
        where TResponse : class;

    /// <summary>Registers a client-streaming method.</summary>
    /// <typeparam name="TRequest">The request type.</typeparam>
    /// <typeparam name="TResponse">The response type.</typeparam>
    /// <param name="method">The method; its type must be ClientStreaming.</param>
    /// <param name="handler">The handler.</param>
    public abstract void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class
        where TResponse : class;

    /// <summary>Registers a server-streaming method.</summary>
    /// <typeparam name="TRequest">The request type.</typeparam>
    /// <typeparam name="TResponse">The response type.</typeparam>
    /// <param name="method">The method; its type must be ServerStreaming.</param>
    /// <param name="handler">The handler.</param>
    public abstract void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class
        where TResponse : class;

    /// <summary>Registers a full-duplex method.</summary>
    /// <typeparam name="TRequest">The request type.</typeparam>
    /// <typeparam name="TResponse">The response type.</typeparam>
    /// <param name="method">The method; its type must be DuplexStreaming.</param>
    /// <param name="handler">The handler.</param>
    public abstract void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class
        where TResponse : class;
}
