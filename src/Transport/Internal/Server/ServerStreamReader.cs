namespace BeamConformance.Transport.Internal.Server;

/// <summary>The request stream of a server call.</summary>
internal sealed class ServerStreamReader<T> : IAsyncStreamReader<T>
{
    private readonly HttpServerCallContext _context;
    private readonly Marshaller<T> _marshaller;
    private T? _current;

    public ServerStreamReader(HttpServerCallContext context, Marshaller<T> marshaller)
    {
        _context = context;
        _marshaller = marshaller;
    }

    public T Current => _current ?? throw new InvalidOperationException("MoveNext has not returned true.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        using var linked = cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _context.CancellationToken)
            : null;
        var token = linked?.Token ?? _context.CancellationToken;
        try
        {
            var (hasMessage, message) = await _context.Reader.ReadAsync(_marshaller, token).ConfigureAwait(false);
            _current = message;
            return hasMessage;
        }
        catch (RpcException)
        {
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !_context.CancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            throw _context.CallEnded(ex);
        }
    }

    /// <summary>Reads the one request of a unary or server-streaming call.</summary>
    public async Task<T> ReadSingleAsync()
    {
        if (!await MoveNext(CancellationToken.None).ConfigureAwait(false))
        {
            throw new RpcException(new Status(StatusCode.Internal, "The request stream ended without a message; this method takes exactly one request."));
        }

        var request = Current;
        if (await MoveNext(CancellationToken.None).ConfigureAwait(false))
        {
            throw new RpcException(new Status(StatusCode.Internal, "The request stream has more than one message; this method takes exactly one request."));
        }

        return request;
    }
}
