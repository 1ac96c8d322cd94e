using Grpc.Core;

namespace BeamConformance.ReferenceRunner.FnApi.Internal;

/// <summary>Serializes writes to one gRPC stream, which takes a single writer at a time.</summary>
internal sealed class StreamSender<T>(IAsyncStreamWriter<T> stream)
{
    private static readonly WriteOptions Buffered = new(WriteFlags.BufferHint);
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Writes one message; with <paramref name="moreFollows"/> it may stay buffered until the caller's next write (grpc-dotnet's BufferHint).</summary>
    public async Task WriteAsync(T message, CancellationToken cancellationToken, bool moreFollows = false)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            stream.WriteOptions = moreFollows ? Buffered : null;
            await stream.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
