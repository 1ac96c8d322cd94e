namespace BeamConformance.Transport;

/// <summary>The response stream of a server-streaming or duplex call; the stream ends when the handler returns.</summary>
/// <typeparam name="T">The response message type.</typeparam>
public interface IServerStreamWriter<in T> : IAsyncStreamWriter<T>
{
}
