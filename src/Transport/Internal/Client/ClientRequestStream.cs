namespace BeamConformance.Transport.Internal.Client;

/// <summary>The request stream of a client call.</summary>
internal sealed class ClientRequestStream<TRequest, TResponse> : IClientStreamWriter<TRequest>
{
    private readonly GrpcCall<TRequest, TResponse> _call;

    public ClientRequestStream(GrpcCall<TRequest, TResponse> call) => _call = call;

    public Task WriteAsync(TRequest message, CancellationToken cancellationToken = default) => _call.WriteAsync(message, cancellationToken);

    public Task CompleteAsync() => _call.CompleteRequestAsync();
}
