namespace BeamConformance.Transport;

/// <summary>A stream of messages written one at a time (one write in flight at once).</summary>
/// <typeparam name="T">The message type.</typeparam>
public interface IAsyncStreamWriter<in T>
{
    /// <summary>
    /// Queues <paramref name="message"/> for sending. Writes are batched: bytes are flushed when a batch is full,
    /// before the same call blocks on a read, at completion, and as soon as the writer pauses.
    /// </summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels waiting for flow control.</param>
    /// <returns>A task that completes when the message is queued (or flushed, under back-pressure).</returns>
    /// <exception cref="RpcException">The call has ended (peer reset, deadline, cancellation) or the message is over the send limit.</exception>
    Task WriteAsync(T message, CancellationToken cancellationToken = default);
}
