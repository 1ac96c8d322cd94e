using BeamConformance.Transport;
using Google.Protobuf;

namespace BeamConformance.Protos;

/// <summary>Marshallers for generated protobuf messages: written straight into the transport's buffers, parsed from its byte sequences.</summary>
public static class ProtobufMarshaller
{
    /// <summary>The marshaller of message type <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">A generated protobuf message type.</typeparam>
    /// <param name="parser">The message's parser (<c>T.Parser</c>).</param>
    /// <returns>The marshaller.</returns>
    public static Marshaller<T> For<T>(MessageParser<T> parser)
        where T : IMessage<T>, IBufferMessage
    {
        ArgumentNullException.ThrowIfNull(parser);
        return new Marshaller<T>(static (message, writer) => message.WriteTo(writer), parser.ParseFrom);
    }
}
