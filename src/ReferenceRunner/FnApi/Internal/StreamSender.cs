using Grpc.Core;

namespace BeamConformance.ReferenceRunner.FnApi.Internal;

/// <summary>Serializes writes to one gRPC stream, which takes a single writer at a time.</summary>
internal sealed class StreamSender<T>(IAsyncStreamWriter<T> stream)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task WriteAsync(T message, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await stream.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
