using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net;

namespace BeamConformance.Transport.Internal.Client;

/// <summary>
/// One client call on an HTTP/2 stream. The status is decided once (first of: trailers, trailers-only headers,
/// deadline, cancellation, transport failure); every later read or write reports it.
/// </summary>
internal sealed class GrpcCall<TRequest, TResponse>
{
    private readonly GrpcChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly string? _host;
    private readonly CallOptions _options;
    private readonly CancellationTokenSource _cts = new();
    private readonly TaskCompletionSource<Status> _status = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private Metadata? _trailers;
    private Task<HttpResponseMessage?> _response = null!;
    private HttpResponseMessage? _httpResponse;
    private PushContent? _content;
    private MessageWriter? _writer;
    private MessageReader? _reader;
    private bool _readerDone;
    private bool _requestCompleted;
    private CancellationTokenRegistration _userCancellation;
    private ITimer? _deadlineTimer;
    private TResponse? _current;

    public GrpcCall(GrpcChannel channel, Method<TRequest, TResponse> method, string? host, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _host = host;
        _options = options;
    }

    public TResponse Current => _current ?? throw new InvalidOperationException("MoveNext has not returned true.");

    /// <summary>Sends the request headers; <paramref name="request"/> is the single request, or null for a request stream.</summary>
    public void Start(TRequest? request)
    {
        TimeSpan? timeout = null;
        if (_options.Deadline is { } deadline && deadline != DateTime.MaxValue)
        {
            timeout = deadline.ToUniversalTime() - _channel.Options.TimeProvider.GetUtcNow().UtcDateTime;
            if (timeout <= TimeSpan.Zero)
            {
                TrySetStatus(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"), new Metadata());
                _response = Task.FromResult<HttpResponseMessage?>(null);
                return;
            }
        }

        HttpContent content;
        if (request is not null)
        {
            var frame = Frame(request);
            if (frame is null)
            {
                _response = Task.FromResult<HttpResponseMessage?>(null);
                return;
            }

            content = new ByteArrayContent(frame);
            content.Headers.TryAddWithoutValidation("content-type", GrpcProtocol.ContentType);
        }
        else
        {
            content = _content = new PushContent();
        }

        var message = new HttpRequestMessage(HttpMethod.Post, new Uri(_channel.Address, _method.FullName))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        var headers = message.Headers;
        headers.TryAddWithoutValidation("te", "trailers");
        headers.TryAddWithoutValidation("user-agent", GrpcProtocol.UserAgent);
        headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, GrpcProtocol.IdentityEncoding);
        if (_host is not null)
        {
            headers.Host = _host;
        }

        if (timeout is { } t)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcProtocol.EncodeTimeout(t));
        }

        if (_options.Headers is { } metadata)
        {
            foreach (var entry in metadata)
            {
                if (!GrpcProtocol.IsReservedHeader(entry.Key))
                {
                    headers.TryAddWithoutValidation(entry.Key, MetadataCodec.EncodeValue(entry));
                }
            }
        }

        ClientLog.CallStarted(_channel.Logger, _method.FullName, _channel.Address);
        var send = _channel.Invoker.SendAsync(message, _cts.Token);
        _response = ReceiveResponseAsync(send);
        if (timeout is { } delay)
        {
            _deadlineTimer = _channel.Options.TimeProvider.CreateTimer(
                static s => ((GrpcCall<TRequest, TResponse>)s!).Cancel(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded")),
                this, delay, Timeout.InfiniteTimeSpan);
        }

        if (_options.CancellationToken.CanBeCanceled)
        {
            _userCancellation = _options.CancellationToken.Register(
                static s => ((GrpcCall<TRequest, TResponse>)s!).Cancel(new Status(StatusCode.Cancelled, "Call cancelled by the client.")), this);
        }
    }

    public async Task<Metadata> ResponseHeadersAsync()
    {
        var response = await _response.ConfigureAwait(false);
        var metadata = new Metadata();
        if (response is null)
        {
            return metadata;
        }

        foreach (var header in response.Headers)
        {
            foreach (var value in header.Value)
            {
                MetadataCodec.AddHeader(metadata, header.Key, value);
            }
        }

        return metadata;
    }

    public Status GetStatus() => _status.Task.IsCompleted
        ? _status.Task.Result
        : throw new InvalidOperationException("Unable to get the status because the call is not complete.");

    public Metadata GetTrailers() => _status.Task.IsCompleted
        ? _trailers ?? new Metadata()
        : throw new InvalidOperationException("Unable to get the trailers because the call is not complete.");

    /// <summary>Reads the one response of a unary or client-streaming call.</summary>
    public async Task<TResponse> ReadSingleResponseAsync()
    {
        if (!await MoveNextAsync(CancellationToken.None).ConfigureAwait(false))
        {
            throw new RpcException(new Status(StatusCode.Internal, "The server ended the call with OK but sent no response message."));
        }

        var response = Current;
        if (await MoveNextAsync(CancellationToken.None).ConfigureAwait(false))
        {
            Cancel(new Status(StatusCode.Internal, "The server sent more than one response message for a single-response method."));
            throw StatusException();
        }

        return response;
    }

    public async Task<bool> MoveNextAsync(CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.Register(static s => ((GrpcCall<TRequest, TResponse>)s!).Cancel(new Status(StatusCode.Cancelled, "Call cancelled by the client.")), this)
            : default;
        try
        {
            if (_readerDone)
            {
                return FinishedResult();
            }

            var reader = _reader ?? await OpenReaderAsync().ConfigureAwait(false);
            if (reader is null)
            {
                _readerDone = true;
                return FinishedResult();
            }

            var (hasMessage, message) = await reader.ReadAsync(_method.ResponseMarshaller, _cts.Token).ConfigureAwait(false);
            if (hasMessage)
            {
                _current = message;
                return true;
            }

            _readerDone = true;
            ReadTrailers();
            return FinishedResult();
        }
        catch (RpcException ex) when (!_status.Task.IsCompleted)
        {
            // A protocol error found by this side (size limit, framing, parse): end the call with it (RST_STREAM).
            Cancel(ex.Status);
            throw StatusException();
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Fail(ex);
        }
    }

    public async Task WriteAsync(TRequest message, CancellationToken cancellationToken)
    {
        if (_requestCompleted)
        {
            throw new InvalidOperationException("The request stream has already been completed.");
        }

        if (_status.Task.IsCompleted)
        {
            throw WriteFailed(null);
        }

        var writer = _writer ?? await OpenWriterAsync().ConfigureAwait(false);
        await writer.WriteAsync(message, _method.RequestMarshaller, cancellationToken).ConfigureAwait(false);
    }

    public async Task CompleteRequestAsync()
    {
        if (_requestCompleted || _content is null)
        {
            return;
        }

        _requestCompleted = true;
        if (_writer is { } writer)
        {
            await writer.CloseAsync(static async pipe => await pipe.CompleteAsync().ConfigureAwait(false)).ConfigureAwait(false);
        }

        _content.Complete();
    }

    public void Dispose()
    {
        Cancel(new Status(StatusCode.Cancelled, "Call disposed by the client."));
        Cleanup();
    }

    /// <summary>Ends the call with <paramref name="status"/> if it has none yet, and resets the stream.</summary>
    public void Cancel(Status status)
    {
        if (!TrySetStatus(status, new Metadata()))
        {
            return;
        }

        try
        {
            _cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }

        _content?.Abort();
        _writer?.Close();
        _httpResponse?.Dispose();
    }

    private async Task<HttpResponseMessage?> ReceiveResponseAsync(Task<HttpResponseMessage> send)
    {
        HttpResponseMessage response;
        try
        {
            response = await send.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            throw Fail(ex);
        }

        lock (_gate)
        {
            _httpResponse = response;
        }

        if (_status.Task.IsCompleted)
        {
            response.Dispose();
            throw StatusException();
        }

        var grpcStatus = response.Headers.TryGetValues(GrpcProtocol.StatusHeader, out var values) ? values.FirstOrDefault() : null;
        if (response.StatusCode != HttpStatusCode.OK && grpcStatus is null)
        {
            Cancel(new Status(GrpcProtocol.StatusFromHttp(response.StatusCode), $"Bad gRPC response: HTTP status {(int)response.StatusCode}."));
            throw StatusException();
        }

        var contentType = response.Content.Headers.TryGetValues("content-type", out var types) ? types.FirstOrDefault() : null;
        if (contentType is null || !contentType.StartsWith(GrpcProtocol.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            Cancel(new Status(StatusCode.Internal, $"Bad gRPC response: content-type '{contentType}' is not application/grpc."));
            throw StatusException();
        }

        if (grpcStatus is not null)
        {
            // Trailers-only response: the status arrived in the headers and the stream has ended.
            SetStatusFrom(response.Headers, grpcStatus);
        }

        return response;
    }

    private async Task<MessageReader?> OpenReaderAsync()
    {
        var response = await _response.ConfigureAwait(false);
        if (response is null || _status.Task.IsCompleted)
        {
            return null;
        }

        var stream = await response.Content.ReadAsStreamAsync(_cts.Token).ConfigureAwait(false);
        var pipe = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024, leaveOpen: true));
        var encoding = response.Headers.TryGetValues(GrpcProtocol.EncodingHeader, out var values) ? values.FirstOrDefault() : null;
        Func<ValueTask>? flushWrites = _content is null ? null : FlushWritesAsync;
        _reader = new MessageReader(pipe, _channel.Options.MaxReceiveMessageSize, encoding, flushWrites);
        return _reader;
    }

    private ValueTask FlushWritesAsync() => _writer?.FlushPendingAsync() ?? ValueTask.CompletedTask;

    private async Task<MessageWriter> OpenWriterAsync()
    {
        var streamTask = _content!.StreamTask;
        if (!streamTask.IsCompleted)
        {
            await Task.WhenAny(streamTask, _status.Task).ConfigureAwait(false);
        }

        if (!streamTask.IsCompletedSuccessfully)
        {
            throw WriteFailed(null);
        }

        var pipe = PipeWriter.Create(streamTask.Result, new StreamPipeWriterOptions(minimumBufferSize: 64 * 1024, leaveOpen: true));
        lock (_gate)
        {
            _writer ??= new MessageWriter(pipe, _channel.Options.MaxSendMessageSize, WriteFailed, _cts.Token);
        }

        return _writer;
    }

    private RpcException WriteFailed(Exception? cause)
    {
        if (_status.Task.IsCompleted && _status.Task.Result.StatusCode != StatusCode.OK)
        {
            return StatusException();
        }

        if (FindProtocolError(cause) is { } error)
        {
            return new RpcException(new Status(GrpcProtocol.StatusFromHttp2Error(error.ErrorCode), $"The server reset the request stream (HTTP/2 error {error.ErrorCode}).", cause));
        }

        return new RpcException(new Status(StatusCode.Cancelled, "The request stream is closed: the server has ended the call.", cause));
    }

    private byte[]? Frame(TRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.GetSpan(GrpcProtocol.FrameHeaderSize);
        buffer.Advance(GrpcProtocol.FrameHeaderSize);
        _method.RequestMarshaller.Serialize(request, buffer);
        var bytes = buffer.WrittenSpan.ToArray();
        var length = bytes.Length - GrpcProtocol.FrameHeaderSize;
        if (length > _channel.Options.MaxSendMessageSize)
        {
            TrySetStatus(new Status(StatusCode.ResourceExhausted, $"Sending message exceeds the maximum configured message size: {length} > {_channel.Options.MaxSendMessageSize} bytes."), new Metadata());
            return null;
        }

        bytes[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(1), (uint)length);
        return bytes;
    }

    private void ReadTrailers()
    {
        var trailing = _httpResponse!.TrailingHeaders;
        var status = trailing.TryGetValues(GrpcProtocol.StatusHeader, out var values) ? values.FirstOrDefault() : null;
        if (status is null)
        {
            TrySetStatus(new Status(StatusCode.Internal, "The response ended without a grpc-status trailer."), new Metadata());
            return;
        }

        SetStatusFrom(trailing, status);
    }

    private void SetStatusFrom(System.Net.Http.Headers.HttpHeaders headers, string grpcStatus)
    {
        var message = headers.TryGetValues(GrpcProtocol.MessageHeader, out var messages) ? messages.FirstOrDefault() : null;
        var trailers = new Metadata();
        foreach (var header in headers)
        {
            foreach (var value in header.Value)
            {
                MetadataCodec.AddHeader(trailers, header.Key, value);
            }
        }

        var status = GrpcProtocol.TryParseStatus(grpcStatus, out var code)
            ? new Status(code, GrpcProtocol.PercentDecode(message))
            : new Status(StatusCode.Unknown, $"Invalid grpc-status '{grpcStatus}'.");
        TrySetStatus(status, trailers);
    }

    private bool FinishedResult()
    {
        var status = _status.Task.Result;
        if (status.StatusCode == StatusCode.OK)
        {
            return false;
        }

        throw StatusException();
    }

    private RpcException Fail(Exception ex)
    {
        if (!_status.Task.IsCompleted)
        {
            ClientLog.TransportError(_channel.Logger, _method.FullName, ex);
            var status = FindProtocolError(ex) is { } error
                ? new Status(GrpcProtocol.StatusFromHttp2Error(error.ErrorCode), $"The server reset the stream (HTTP/2 error {error.ErrorCode}).", ex)
                : ex is HttpRequestException
                    ? new Status(StatusCode.Unavailable, $"Error starting gRPC call: {ex.Message}", ex)
                    : new Status(StatusCode.Internal, $"Error in the gRPC transport: {ex.GetType().Name}: {ex.Message}", ex);
            Cancel(status);
        }

        return StatusException();
    }

    private static HttpProtocolException? FindProtocolError(Exception? ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is HttpProtocolException protocol)
            {
                return protocol;
            }
        }

        return null;
    }

    private RpcException StatusException()
    {
        var status = _status.Task.Result;
        return new RpcException(status, _trailers ?? new Metadata());
    }

    private bool TrySetStatus(Status status, Metadata trailers)
    {
        lock (_gate)
        {
            if (_status.Task.IsCompleted)
            {
                return false;
            }

            _trailers = trailers;
            _status.SetResult(status);
        }

        ClientLog.CallFinished(_channel.Logger, _method.FullName, status.StatusCode, status.Detail);
        if (status.StatusCode == StatusCode.OK)
        {
            Cleanup();
        }

        return true;
    }

    private void Cleanup()
    {
        _deadlineTimer?.Dispose();
        _userCancellation.Dispose();
        _content?.Abort();
    }
}
