namespace BeamConformance.Transport;

/// <summary>
/// What a server handler knows about its call: request metadata, the peer, the deadline and a cancellation
/// token that fires when the client cancels (RST_STREAM), the deadline passes or the server shuts down.
/// </summary>
public abstract class ServerCallContext
{
    /// <summary>Creates a context; the transport (or a test) supplies the implementation.</summary>
    protected ServerCallContext()
    {
    }

    /// <summary>The method's path, e.g. <c>/org.apache.beam.model.fn_execution.v1.BeamFnControl/Control</c>.</summary>
    public abstract string Method { get; }

    /// <summary>The HTTP/2 <c>:authority</c> the client called.</summary>
    public abstract string Host { get; }

    /// <summary>The client's address in gRPC's form, e.g. <c>ipv4:127.0.0.1:50312</c> or <c>ipv6:[::1]:50312</c>.</summary>
    public abstract string Peer { get; }

    /// <summary>The call's deadline in UTC from the client's <c>grpc-timeout</c>; <see cref="DateTime.MaxValue"/> when none.</summary>
    public abstract DateTime Deadline { get; }

    /// <summary>The request metadata (custom headers; transport headers such as <c>grpc-timeout</c> are excluded).</summary>
    public abstract Metadata RequestHeaders { get; }

    /// <summary>Fires when the call ends early: client cancellation, deadline, or server shutdown.</summary>
    public abstract CancellationToken CancellationToken { get; }

    /// <summary>Trailers sent with the status when the handler completes (also with an error status).</summary>
    public abstract Metadata ResponseTrailers { get; }

    /// <summary>The status sent when the handler returns normally; OK unless set. A thrown <see cref="RpcException"/> wins.</summary>
    public abstract Status Status { get; set; }

    /// <summary>Sends the response headers now, with <paramref name="responseHeaders"/> added. At most once, before the first message.</summary>
    /// <param name="responseHeaders">Custom response metadata.</param>
    /// <returns>A task that completes when the headers are flushed.</returns>
    /// <exception cref="InvalidOperationException">Headers were already sent.</exception>
    public abstract Task WriteResponseHeadersAsync(Metadata responseHeaders);
}
