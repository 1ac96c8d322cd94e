namespace BeamConformance.Transport;

/// <summary>A client-streaming handler: a stream of requests, one response.</summary>
/// <typeparam name="TRequest">The request type.</typeparam>
/// <typeparam name="TResponse">The response type.</typeparam>
/// <param name="requestStream">The request stream.</param>
/// <param name="context">The call context.</param>
/// <returns>The response message.</returns>
public delegate Task<TResponse> ClientStreamingServerMethod<TRequest, TResponse>(
    IAsyncStreamReader<TRequest> requestStream, ServerCallContext context);
