namespace BeamConformance.Transport.Internal.Server;

/// <summary>The response stream of a server call.</summary>
internal sealed class ServerStreamWriter<T> : IServerStreamWriter<T>
{
    private readonly HttpServerCallContext _context;
    private readonly Marshaller<T> _marshaller;

    public ServerStreamWriter(HttpServerCallContext context, Marshaller<T> marshaller)
    {
        _context = context;
        _marshaller = marshaller;
    }

    public Task WriteAsync(T message, CancellationToken cancellationToken = default)
    {
        _context.MarkMessageWritten();
        return _context.Writer.WriteAsync(message, _marshaller, cancellationToken);
    }
}
