using System.Runtime.CompilerServices;

namespace BeamConformance.Transport;

/// <summary>A unary call in progress. Awaitable; <see cref="Dispose"/> cancels it if it has not finished.</summary>
/// <typeparam name="TResponse">The response type.</typeparam>
public sealed class AsyncUnaryCall<TResponse> : IDisposable
{
    private readonly Func<Status> _getStatus;
    private readonly Func<Metadata> _getTrailers;
    private readonly Action _dispose;

    /// <summary>Creates a call object (the transport does; tests may, to fake a call).</summary>
    /// <param name="responseAsync">The response; faults with <see cref="RpcException"/>.</param>
    /// <param name="responseHeadersAsync">The response headers.</param>
    /// <param name="getStatus">Returns the status once the call has finished.</param>
    /// <param name="getTrailers">Returns the trailers once the call has finished.</param>
    /// <param name="dispose">Cancels the call if still running.</param>
    public AsyncUnaryCall(Task<TResponse> responseAsync, Task<Metadata> responseHeadersAsync, Func<Status> getStatus, Func<Metadata> getTrailers, Action dispose)
    {
        ResponseAsync = responseAsync;
        ResponseHeadersAsync = responseHeadersAsync;
        _getStatus = getStatus;
        _getTrailers = getTrailers;
        _dispose = dispose;
    }

    /// <summary>The response message; faults with <see cref="RpcException"/> on a non-OK status.</summary>
    public Task<TResponse> ResponseAsync { get; }

    /// <summary>The response headers (custom metadata only).</summary>
    public Task<Metadata> ResponseHeadersAsync { get; }

    /// <summary>Awaits <see cref="ResponseAsync"/>.</summary>
    /// <returns>The awaiter.</returns>
    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();

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
