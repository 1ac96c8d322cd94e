using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;

namespace BeamConformance.Transport.Internal;

/// <summary>
/// Writes length-prefixed gRPC messages to a <see cref="PipeWriter"/>. Messages are batched: the pipe is
/// flushed when the unflushed bytes pass <see cref="BatchBytes"/>, when <see cref="FlushPendingAsync"/> is called
/// (before the call blocks on a read), at completion, and by one queued background flush when the writer pauses.
/// One lock orders writes, flushes and completion; after <see cref="Close"/> every write fails with the call's status.
/// </summary>
internal sealed class MessageWriter
{
    /// <summary>Unflushed bytes that trigger an inline flush.</summary>
    public const int BatchBytes = 64 * 1024;

    private readonly PipeWriter _pipe;
    private readonly int? _maxSendMessageSize;
    private readonly Func<Exception?, RpcException> _callEnded;
    private readonly CancellationToken _callAborted;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly ArrayBufferWriter<byte> _scratch = new(4096);
    private readonly Action<object?> _backgroundFlush;
    private int _unflushed;
    private int _flushQueued;
    private bool _closed;

    /// <param name="pipe">The body writer.</param>
    /// <param name="maxSendMessageSize">The largest payload allowed, or null.</param>
    /// <param name="callEnded">Builds the exception to throw when the call has ended or the pipe failed.</param>
    /// <param name="callAborted">Fires when the call ends early (peer reset, deadline, cancellation): writes then fail.</param>
    public MessageWriter(PipeWriter pipe, int? maxSendMessageSize, Func<Exception?, RpcException> callEnded, CancellationToken callAborted)
    {
        _callAborted = callAborted;
        _pipe = pipe;
        _maxSendMessageSize = maxSendMessageSize;
        _callEnded = callEnded;
        _backgroundFlush = state => _ = ((MessageWriter)state!).BackgroundFlushAsync();
    }

    /// <summary>Serializes and queues one message.</summary>
    public async Task WriteAsync<T>(T message, Marshaller<T> marshaller, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_closed || _callAborted.IsCancellationRequested)
            {
                _closed = true;
                throw _callEnded(null);
            }

            _scratch.ResetWrittenCount();
            marshaller.Serialize(message, _scratch);
            var length = _scratch.WrittenCount;
            if (length > _maxSendMessageSize)
            {
                throw new RpcException(new Status(
                    StatusCode.ResourceExhausted,
                    $"Sending message exceeds the maximum configured message size: {length} > {_maxSendMessageSize} bytes."));
            }

            try
            {
                var header = _pipe.GetSpan(GrpcProtocol.FrameHeaderSize);
                header[0] = 0;
                BinaryPrimitives.WriteUInt32BigEndian(header[1..], (uint)length);
                _pipe.Advance(GrpcProtocol.FrameHeaderSize);
                _pipe.Write(_scratch.WrittenSpan);
            }
            catch (Exception ex) when (ex is not RpcException)
            {
                _closed = true;
                throw _callEnded(ex);
            }

            _unflushed += length + GrpcProtocol.FrameHeaderSize;
            if (_unflushed >= BatchBytes)
            {
                await FlushCoreAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (Interlocked.Exchange(ref _flushQueued, 1) == 0)
            {
                ThreadPool.UnsafeQueueUserWorkItem(_backgroundFlush, this, preferLocal: false);
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Flushes queued messages, if any and if no write or flush is under way (called before the call blocks on a read).</summary>
    public async ValueTask FlushPendingAsync()
    {
        if (Volatile.Read(ref _unflushed) == 0)
        {
            return;
        }

        // Never wait for the lock here: its holder is writing (and will flush or queue a flush) or flushing, and a
        // reader stuck behind a flush that waits for HTTP/2 flow control would stop draining the other direction.
        if (!_lock.Wait(0))
        {
            return;
        }

        try
        {
            if (!_closed && _unflushed > 0)
            {
                await FlushCoreAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (RpcException)
        {
            // The call has ended; the read that follows reports its status.
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="finish"/> under the write lock with the queued messages still in the pipe and then
    /// marks the writer closed. Returns false when the writer was already closed.
    /// </summary>
    public async Task<bool> CloseAsync(Func<PipeWriter, Task> finish)
    {
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_closed)
            {
                return false;
            }

            _closed = true;
            _unflushed = 0;
            await finish(_pipe).ConfigureAwait(false);
            return true;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Marks the writer closed without touching the pipe (the call was reset).</summary>
    public void Close() => _closed = true;

    private async Task BackgroundFlushAsync()
    {
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            Volatile.Write(ref _flushQueued, 0);
            if (!_closed && _unflushed > 0)
            {
                await FlushCoreAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (RpcException)
        {
            // The next write or read reports the call's status.
        }
        finally
        {
            _lock.Release();
        }
    }

    private async ValueTask FlushCoreAsync(CancellationToken cancellationToken)
    {
        _unflushed = 0;
        FlushResult result;
        try
        {
            result = await _pipe.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            _closed = true;
            throw _callEnded(ex);
        }

        if (result.IsCanceled || result.IsCompleted)
        {
            _closed = true;
            throw _callEnded(null);
        }
    }
}
