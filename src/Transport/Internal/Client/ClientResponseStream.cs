namespace BeamConformance.Transport.Internal.Client;

/// <summary>The response stream of a client call.</summary>
internal sealed class ClientResponseStream<TRequest, TResponse> : IAsyncStreamReader<TResponse>
{
    private readonly GrpcCall<TRequest, TResponse> _call;

    public ClientResponseStream(GrpcCall<TRequest, TResponse> call) => _call = call;

    public TResponse Current => _call.Current;

    public Task<bool> MoveNext(CancellationToken cancellationToken) => _call.MoveNextAsync(cancellationToken);
}
