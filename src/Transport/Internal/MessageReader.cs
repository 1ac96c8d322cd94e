using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;

namespace BeamConformance.Transport.Internal;

/// <summary>Reads length-prefixed gRPC messages from a <see cref="PipeReader"/>.</summary>
internal sealed class MessageReader
{
    private readonly PipeReader _pipe;
    private readonly int? _maxReceiveMessageSize;
    private readonly string? _encoding;
    private readonly Func<ValueTask>? _beforeBlocking;

    /// <param name="pipe">The body reader.</param>
    /// <param name="maxReceiveMessageSize">The largest payload accepted, or null for no limit.</param>
    /// <param name="encoding">The peer's <c>grpc-encoding</c> header, or null.</param>
    /// <param name="beforeBlocking">Called before waiting for more bytes (flushes the call's pending writes).</param>
    public MessageReader(PipeReader pipe, int? maxReceiveMessageSize, string? encoding, Func<ValueTask>? beforeBlocking)
    {
        _pipe = pipe;
        _maxReceiveMessageSize = maxReceiveMessageSize;
        _encoding = encoding;
        _beforeBlocking = beforeBlocking;
    }

    /// <summary>Reads one message; returns false (and default) at a clean end of stream.</summary>
    /// <exception cref="RpcException">A framing error, an unsupported compressed message or a message over the limit.</exception>
    public async ValueTask<(bool HasMessage, T? Message)> ReadAsync<T>(Marshaller<T> marshaller, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (!_pipe.TryRead(out var result))
            {
                if (_beforeBlocking is not null)
                {
                    await _beforeBlocking().ConfigureAwait(false);
                }

                result = await _pipe.ReadAsync(cancellationToken).ConfigureAwait(false);
            }

            if (result.IsCanceled)
            {
                throw new OperationCanceledException("The read was cancelled.");
            }

            var buffer = result.Buffer;
            if (buffer.Length >= GrpcProtocol.FrameHeaderSize)
            {
                var (compressed, length) = ReadHeader(buffer);
                if (length > _maxReceiveMessageSize)
                {
                    _pipe.AdvanceTo(buffer.Start);
                    throw new RpcException(new Status(
                        StatusCode.ResourceExhausted,
                        $"Received message exceeds the maximum configured message size: {length} > {_maxReceiveMessageSize} bytes."));
                }

                if (buffer.Length >= GrpcProtocol.FrameHeaderSize + length)
                {
                    if (compressed)
                    {
                        _pipe.AdvanceTo(buffer.Start);
                        throw CompressedMessage();
                    }

                    var payload = buffer.Slice(GrpcProtocol.FrameHeaderSize, length);
                    T message;
                    try
                    {
                        message = marshaller.Deserialize(payload);
                    }
                    catch (Exception ex) when (ex is not RpcException)
                    {
                        _pipe.AdvanceTo(buffer.Start);
                        throw new RpcException(new Status(StatusCode.Internal, $"Failed to parse a received message of {length} bytes: {ex.Message}", ex));
                    }

                    _pipe.AdvanceTo(payload.End);
                    return (true, message);
                }
            }

            if (result.IsCompleted)
            {
                _pipe.AdvanceTo(buffer.End);
                if (buffer.Length == 0)
                {
                    return (false, default);
                }

                throw new RpcException(new Status(
                    StatusCode.Internal,
                    $"The stream ended inside a message frame ({buffer.Length} bytes of an incomplete frame)."));
            }

            _pipe.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static (bool Compressed, long Length) ReadHeader(ReadOnlySequence<byte> buffer)
    {
        Span<byte> header = stackalloc byte[GrpcProtocol.FrameHeaderSize];
        buffer.Slice(0, GrpcProtocol.FrameHeaderSize).CopyTo(header);
        return (header[0] != 0, BinaryPrimitives.ReadUInt32BigEndian(header[1..]));
    }

    private RpcException CompressedMessage()
    {
        if (string.IsNullOrEmpty(_encoding) || _encoding == GrpcProtocol.IdentityEncoding)
        {
            return new RpcException(new Status(
                StatusCode.Internal,
                "Received a message with the compressed flag set but no grpc-encoding header."));
        }

        return new RpcException(new Status(
            StatusCode.Unimplemented,
            $"Received a message compressed with '{_encoding}'; this transport supports only 'identity' (no compression)."));
    }
}
