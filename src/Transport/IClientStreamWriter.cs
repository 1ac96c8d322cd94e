namespace BeamConformance.Transport;

/// <summary>The request stream of a client-streaming or duplex call.</summary>
/// <typeparam name="T">The request message type.</typeparam>
public interface IClientStreamWriter<in T> : IAsyncStreamWriter<T>
{
    /// <summary>Flushes pending messages and ends the request stream (HTTP/2 END_STREAM).</summary>
    /// <returns>A task that completes when the end of stream is sent.</returns>
    Task CompleteAsync();
}
