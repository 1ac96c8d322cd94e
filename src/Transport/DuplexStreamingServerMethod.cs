namespace BeamConformance.Transport;

/// <summary>A full-duplex handler: reads requests and writes responses independently.</summary>
/// <typeparam name="TRequest">The request type.</typeparam>
/// <typeparam name="TResponse">The response type.</typeparam>
/// <param name="requestStream">The request stream.</param>
/// <param name="responseStream">The response stream; it ends when the handler returns.</param>
/// <param name="context">The call context.</param>
/// <returns>A task that completes when the handler is done.</returns>
public delegate Task DuplexStreamingServerMethod<TRequest, TResponse>(
    IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context);
