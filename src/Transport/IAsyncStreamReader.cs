namespace BeamConformance.Transport;

/// <summary>A stream of messages read one at a time: call <see cref="MoveNext"/>, then read <see cref="Current"/>.</summary>
/// <typeparam name="T">The message type.</typeparam>
public interface IAsyncStreamReader<out T>
{
    /// <summary>The message read by the last successful <see cref="MoveNext"/>.</summary>
    T Current { get; }

    /// <summary>Reads the next message.</summary>
    /// <param name="cancellationToken">Cancels the wait; on a client call it cancels the whole call.</param>
    /// <returns>True when a message was read; false at the end of the stream (status OK).</returns>
    /// <exception cref="RpcException">The call ended with a non-OK status.</exception>
    Task<bool> MoveNext(CancellationToken cancellationToken);
}
