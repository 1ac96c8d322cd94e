using System.Net;

namespace BeamConformance.Transport.Internal.Client;

/// <summary>
/// A request body written by the caller while the request is in flight: the handler hands over its stream when
/// it starts sending the body (right after the request headers, without waiting for response headers).
/// </summary>
internal sealed class PushContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PushContent() => Headers.TryAddWithoutValidation("content-type", GrpcProtocol.ContentType);

    /// <summary>The request body stream, once the handler starts sending it.</summary>
    public Task<Stream> StreamTask => _stream.Task;

    /// <summary>Ends the body: the handler sends END_STREAM.</summary>
    public void Complete() => _done.TrySetResult();

    /// <summary>Abandons the body (the call was cancelled or finished).</summary>
    public void Abort()
    {
        _stream.TrySetCanceled();
        _done.TrySetCanceled();
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        // SocketsHttpHandler holds back the HEADERS frame of an HTTP/2 request whose body is still open until the
        // body stream is flushed (dotnet/runtime#96223): flush now, so that a server waiting for the call (a Beam
        // runner waiting for a harness's control or data stream) sees it before the client's first message.
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        _stream.TrySetResult(stream);
        await _done.Task.ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
