namespace BeamConformance.Transport;

/// <summary>
/// A gRPC call that ended with a non-OK <see cref="Transport.Status"/>. Thrown by client calls when the
/// server (or the transport) ends a call with an error; thrown by server handlers to end a call with a
/// chosen status and trailers.
/// </summary>
public sealed class RpcException : Exception
{
    /// <summary>Creates an exception for <paramref name="status"/>, with no trailers.</summary>
    /// <param name="status">The call's status.</param>
    public RpcException(Status status)
        : this(status, new Metadata())
    {
    }

    /// <summary>Creates an exception for <paramref name="status"/> with the given trailers.</summary>
    /// <param name="status">The call's status.</param>
    /// <param name="trailers">Trailing metadata sent (server) or received (client) with the status.</param>
    public RpcException(Status status, Metadata trailers)
        : this(status, trailers, status.ToString())
    {
    }

    /// <summary>Creates an exception with an explicit exception message.</summary>
    /// <param name="status">The call's status.</param>
    /// <param name="trailers">Trailing metadata.</param>
    /// <param name="message">The exception message (not sent on the wire; the status detail is).</param>
    public RpcException(Status status, Metadata trailers, string message)
        : base(message, status.DebugException)
    {
        ArgumentNullException.ThrowIfNull(trailers);
        Status = status;
        Trailers = trailers;
    }

    /// <summary>The call's status.</summary>
    public Status Status { get; }

    /// <summary>The call's status code.</summary>
    public StatusCode StatusCode => Status.StatusCode;

    /// <summary>The trailing metadata of the call.</summary>
    public Metadata Trailers { get; }
}
