using System.Buffers;

namespace BeamConformance.Transport;

/// <summary>
/// Turns messages of type <typeparamref name="T"/> into the bytes of one gRPC message frame and back.
/// </summary>
/// <typeparam name="T">The message type.</typeparam>
public sealed class Marshaller<T>
{
    private readonly Action<T, IBufferWriter<byte>> _serializer;
    private readonly Func<ReadOnlySequence<byte>, T> _deserializer;

    /// <summary>Creates a marshaller that writes into a buffer writer and parses from a byte sequence (no copies).</summary>
    /// <param name="serializer">Writes the message's bytes into the writer.</param>
    /// <param name="deserializer">Parses a message from exactly the bytes of one frame.</param>
    public Marshaller(Action<T, IBufferWriter<byte>> serializer, Func<ReadOnlySequence<byte>, T> deserializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        ArgumentNullException.ThrowIfNull(deserializer);
        _serializer = serializer;
        _deserializer = deserializer;
    }

    /// <summary>Creates a marshaller from byte-array functions (Grpc.Core's simple form).</summary>
    /// <param name="serializer">Returns the message's bytes.</param>
    /// <param name="deserializer">Parses a message from exactly the bytes of one frame.</param>
    public Marshaller(Func<T, byte[]> serializer, Func<byte[], T> deserializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        ArgumentNullException.ThrowIfNull(deserializer);
        _serializer = (value, writer) => writer.Write(serializer(value));
        _deserializer = bytes => deserializer(bytes.ToArray());
    }

    /// <summary>Writes the bytes of <paramref name="value"/> into <paramref name="writer"/>.</summary>
    /// <param name="value">The message.</param>
    /// <param name="writer">The destination.</param>
    public void Serialize(T value, IBufferWriter<byte> writer) => _serializer(value, writer);

    /// <summary>Parses a message from the bytes of one frame.</summary>
    /// <param name="payload">The frame's payload (without the 5-byte prefix).</param>
    /// <returns>The message.</returns>
    public T Deserialize(ReadOnlySequence<byte> payload) => _deserializer(payload);
}
