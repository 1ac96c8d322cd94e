namespace BeamConformance.Transport;

/// <summary>Starts client calls of the four shapes. Typed clients take a <see cref="CallInvoker"/>.</summary>
public abstract class CallInvoker
{
    /// <summary>Starts a unary call.</summary>
    /// <typeparam name="TRequest">The request type.</typeparam>
    /// <typeparam name="TResponse">The response type.</typeparam>
    /// <param name="method">The method.</param>
    /// <param name="host">The <c>:authority</c> to send, or null for the channel's.</param>
    /// <param name="options">Headers, deadline, cancellation.</param>
    /// <param name="request">The request message.</param>
    /// <returns>The call; await it (or its ResponseAsync) for the response.</returns>
    public abstract AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
        where TRequest : class
        where TResponse : class;

    /// <summary>Starts a server-streaming call.</summary>
    /// <typeparam name="TRequest">The request type.</typeparam>
    /// <typeparam name="TResponse">The response type.</typeparam>
    /// <param name="method">The method.</param>
    /// <param name="host">The <c>:authority</c>, or null.</param>
    /// <param name="options">Headers, deadline, cancellation.</param>
    /// <param name="request">The request message.</param>
    /// <returns>The call, with its response stream.</returns>
    public abstract AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
        where TRequest : class
        where TResponse : class;

    /// <summary>Starts a client-streaming call.</summary>
    /// <typeparam name="TRequest">The request type.</typeparam>
    /// <typeparam name="TResponse">The response type.</typeparam>
    /// <param name="method">The method.</param>
    /// <param name="host">The <c>:authority</c>, or null.</param>
    /// <param name="options">Headers, deadline, cancellation.</param>
    /// <returns>The call, with its request stream and response task.</returns>
    public abstract AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options)
        where TRequest : class
        where TResponse : class;

    /// <summary>Starts a full-duplex call: the request stream is writable at once, without waiting for response headers.</summary>
    /// <typeparam name="TRequest">The request type.</typeparam>
    /// <typeparam name="TResponse">The response type.</typeparam>
    /// <param name="method">The method.</param>
    /// <param name="host">The <c>:authority</c>, or null.</param>
    /// <param name="options">Headers, deadline, cancellation.</param>
    /// <returns>The call, with both streams.</returns>
    public abstract AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options)
        where TRequest : class
        where TResponse : class;
}
