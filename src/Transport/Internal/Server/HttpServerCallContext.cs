using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace BeamConformance.Transport.Internal.Server;

/// <summary>One server call on a Kestrel HTTP/2 stream: its metadata, deadline, cancellation, reader, writer and status.</summary>
internal sealed class HttpServerCallContext : ServerCallContext, IDisposable
{
    private readonly HttpContext _http;
    private readonly CallRouter _router;
    private readonly CancellationTokenSource _cancellation;
    private Metadata? _requestHeaders;
    private ITimer? _deadlineTimer;
    private DateTime _deadline = DateTime.MaxValue;
    private int _deadlineFired;
    private Task? _deadlineStatus;
    private bool _responseStarted;

    public HttpServerCallContext(HttpContext http, string method, CallRouter router)
    {
        _http = http;
        _router = router;
        Method = method;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, router.ShutdownToken);
        Writer = new MessageWriter(http.Response.BodyWriter, router.Options.MaxSendMessageSize, CallEnded, _cancellation.Token);
        Reader = new MessageReader(
            http.Request.BodyReader,
            router.Options.MaxReceiveMessageSize,
            http.Request.Headers[GrpcProtocol.EncodingHeader].ToString(),
            Writer.FlushPendingAsync);
        Peer = GrpcProtocol.FormatPeer(http.Connection.RemoteIpAddress, http.Connection.RemotePort);
    }

    public override string Method { get; }

    public override string Host => _http.Request.Host.Value ?? string.Empty;

    public override string Peer { get; }

    public override DateTime Deadline => _deadline;

    public override Metadata RequestHeaders => _requestHeaders ??= ReadRequestHeaders();

    public override CancellationToken CancellationToken => _cancellation.Token;

    public override Metadata ResponseTrailers { get; } = new();

    public override Status Status { get; set; } = Status.DefaultSuccess;

    public MessageReader Reader { get; }

    public MessageWriter Writer { get; }

    /// <summary>Lifts Kestrel's per-request limits that would kill long streams, starts the deadline timer, sets response headers.</summary>
    public void Initialize()
    {
        var features = _http.Features;
        var bodySize = features.Get<IHttpMaxRequestBodySizeFeature>();
        if (bodySize is { IsReadOnly: false })
        {
            bodySize.MaxRequestBodySize = null;
        }

        var minRequestRate = features.Get<IHttpMinRequestBodyDataRateFeature>();
        if (minRequestRate is not null)
        {
            minRequestRate.MinDataRate = null;
        }

        var minResponseRate = features.Get<IHttpMinResponseDataRateFeature>();
        if (minResponseRate is not null)
        {
            minResponseRate.MinDataRate = null;
        }

        var response = _http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.IdentityEncoding;

        var timeoutHeader = _http.Request.Headers[GrpcProtocol.TimeoutHeader].ToString();
        if (timeoutHeader.Length > 0)
        {
            if (GrpcProtocol.TryParseTimeout(timeoutHeader, out var timeout))
            {
                var clock = _router.Options.TimeProvider;
                _deadline = clock.GetUtcNow().UtcDateTime + timeout;
                _deadlineTimer = clock.CreateTimer(static s => ((HttpServerCallContext)s!).OnDeadline(), this, timeout, Timeout.InfiniteTimeSpan);
            }
            else
            {
                ServerLog.InvalidTimeout(_router.Logger, Method, timeoutHeader);
            }
        }
    }

    public override async Task WriteResponseHeadersAsync(Metadata responseHeaders)
    {
        ArgumentNullException.ThrowIfNull(responseHeaders);
        if (_responseStarted || _http.Response.HasStarted)
        {
            throw new InvalidOperationException("Response headers were already sent for this call.");
        }

        _responseStarted = true;
        foreach (var entry in responseHeaders)
        {
            _http.Response.Headers.Append(entry.Key, MetadataCodec.EncodeValue(entry));
        }

        try
        {
            await _http.Response.BodyWriter.FlushAsync(CancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            throw CallEnded(ex);
        }
    }

    /// <summary>Records that the response has body data, so the status must go in trailers.</summary>
    public void MarkMessageWritten() => _responseStarted = true;

    /// <summary>The status of a call that ended early (deadline, client cancellation, shutdown).</summary>
    public Status EndedStatus()
    {
        if (Volatile.Read(ref _deadlineFired) == 1)
        {
            return new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
        }

        if (_router.ShutdownToken.IsCancellationRequested && !_http.RequestAborted.IsCancellationRequested)
        {
            return new Status(StatusCode.Unavailable, "The server is shutting down.");
        }

        return new Status(StatusCode.Cancelled, "The call was cancelled by the client (RST_STREAM).");
    }

    /// <summary>The exception for a read or write on a call that has ended.</summary>
    public RpcException CallEnded(Exception? cause)
    {
        var status = EndedStatus();
        return new RpcException(new Status(status.StatusCode, status.Detail, cause));
    }

    /// <summary>Sends the status (trailers, or trailers-only headers when nothing was sent) and ends the response, once.</summary>
    public async Task EndCallAsync(Status status)
    {
        try
        {
            var sent = await Writer.CloseAsync(async _ =>
            {
                WriteStatus(status);
                await _http.Response.CompleteAsync().ConfigureAwait(false);
            }).ConfigureAwait(false);
            if (sent)
            {
                ServerLog.CallFinished(_router.Logger, Method, status.StatusCode, status.Detail);
            }
        }
        catch (Exception ex)
        {
            ServerLog.StatusNotSent(_router.Logger, Method, ex);
        }
    }

    /// <summary>Waits for a status written by the deadline timer, if it fired.</summary>
    public Task WaitForDeadlineStatusAsync() => Volatile.Read(ref _deadlineStatus) ?? Task.CompletedTask;

    public void Dispose()
    {
        _deadlineTimer?.Dispose();
        _cancellation.Dispose();
    }

    private void OnDeadline()
    {
        if (Interlocked.Exchange(ref _deadlineFired, 1) != 0)
        {
            return;
        }

        ServerLog.DeadlineExceeded(_router.Logger, Method, _deadline);
        Volatile.Write(ref _deadlineStatus, EndCallAsync(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded")));
        try
        {
            _cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The call finished while the timer fired.
        }
    }

    private void WriteStatus(Status status)
    {
        var response = _http.Response;
        var code = ((int)status.StatusCode).ToString(CultureInfo.InvariantCulture);
        var message = string.IsNullOrEmpty(status.Detail) ? null : GrpcProtocol.PercentEncode(status.Detail);
        if (!_responseStarted && !response.HasStarted)
        {
            // Trailers-only response: the status travels in the one HEADERS frame that ends the stream.
            response.Headers[GrpcProtocol.StatusHeader] = code;
            if (message is not null)
            {
                response.Headers[GrpcProtocol.MessageHeader] = message;
            }

            foreach (var entry in ResponseTrailers)
            {
                response.Headers.Append(entry.Key, MetadataCodec.EncodeValue(entry));
            }

            return;
        }

        response.AppendTrailer(GrpcProtocol.StatusHeader, code);
        if (message is not null)
        {
            response.AppendTrailer(GrpcProtocol.MessageHeader, message);
        }

        foreach (var entry in ResponseTrailers)
        {
            response.AppendTrailer(entry.Key, MetadataCodec.EncodeValue(entry));
        }
    }

    private Metadata ReadRequestHeaders()
    {
        var metadata = new Metadata();
        foreach (var header in _http.Request.Headers)
        {
            foreach (var value in header.Value)
            {
                MetadataCodec.AddHeader(metadata, header.Key, value);
            }
        }

        return metadata;
    }
}
