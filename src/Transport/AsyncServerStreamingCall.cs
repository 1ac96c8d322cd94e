namespace BeamConformance.Transport;

/// <summary>A server-streaming call in progress; <see cref="Dispose"/> cancels it if it has not finished.</summary>
/// <typeparam name="TResponse">The response type.</typeparam>
public sealed class AsyncServerStreamingCall<TResponse> : IDisposable
{
    private readonly Func<Status> _getStatus;
    private readonly Func<Metadata> _getTrailers;
    private readonly Action _dispose;

    /// <summary>Creates a call object (the transport does; tests may, to fake a call).</summary>
    /// <param name="responseStream">The response stream.</param>
    /// <param name="responseHeadersAsync">The response headers.</param>
    /// <param name="getStatus">Returns the status once the call has finished.</param>
    /// <param name="getTrailers">Returns the trailers once the call has finished.</param>
    /// <param name="dispose">Cancels the call if still running.</param>
    public AsyncServerStreamingCall(IAsyncStreamReader<TResponse> responseStream, Task<Metadata> responseHeadersAsync, Func<Status> getStatus, Func<Metadata> getTrailers, Action dispose)
    {
        ResponseStream = responseStream;
        ResponseHeadersAsync = responseHeadersAsync;
        _getStatus = getStatus;
        _getTrailers = getTrailers;
        _dispose = dispose;
    }

    /// <summary>The response stream; its MoveNext throws <see cref="RpcException"/> on a non-OK status.</summary>
    public IAsyncStreamReader<TResponse> ResponseStream { get; }

    /// <summary>The response headers (custom metadata only).</summary>
    public Task<Metadata> ResponseHeadersAsync { get; }

    /// <summary>The call's status.</summary>
    /// <returns>The status.</returns>
    /// <exception cref="InvalidOperationException">The call has not finished.</exception>
    public Status GetStatus() => _getStatus();

    /// <summary>The call's trailers.</summary>
    /// <returns>The trailers.</returns>
    /// <exception cref="InvalidOperationException">The call has not finished.</exception>
    public Metadata GetTrailers() => _getTrailers();

    /// <summary>Cancels the call if it has not finished (RST_STREAM) and frees its resources.</summary>
    public void Dispose() => _dispose();
}
