namespace BeamConformance.Transport;

/// <summary>A server-streaming handler: one request, responses written to a stream.</summary>
/// <typeparam name="TRequest">The request type.</typeparam>
/// <typeparam name="TResponse">The response type.</typeparam>
/// <param name="request">The request message.</param>
/// <param name="responseStream">The response stream; it ends when the handler returns.</param>
/// <param name="context">The call context.</param>
/// <returns>A task that completes when the handler is done.</returns>
public delegate Task ServerStreamingServerMethod<TRequest, TResponse>(
    TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context);
