using System.Buffers;

namespace BeamConformance.Transport;

/// <summary>Factory methods for <see cref="Marshaller{T}"/>.</summary>
public static class Marshallers
{
    /// <summary>A marshaller that passes raw bytes through unchanged.</summary>
    public static Marshaller<byte[]> Bytes { get; } = new(static (value, writer) => writer.Write(value), static payload => payload.ToArray());

    /// <summary>Creates a marshaller from byte-array functions.</summary>
    /// <typeparam name="T">The message type.</typeparam>
    /// <param name="serializer">Returns the message's bytes.</param>
    /// <param name="deserializer">Parses a message from the bytes of one frame.</param>
    /// <returns>The marshaller.</returns>
    public static Marshaller<T> Create<T>(Func<T, byte[]> serializer, Func<byte[], T> deserializer) => new(serializer, deserializer);

    /// <summary>Creates a marshaller that writes into a buffer writer and parses from a byte sequence.</summary>
    /// <typeparam name="T">The message type.</typeparam>
    /// <param name="serializer">Writes the message's bytes into the writer.</param>
    /// <param name="deserializer">Parses a message from the bytes of one frame.</param>
    /// <returns>The marshaller.</returns>
    public static Marshaller<T> Create<T>(Action<T, IBufferWriter<byte>> serializer, Func<ReadOnlySequence<byte>, T> deserializer) =>
        new(serializer, deserializer);
}
