namespace BeamConformance.Transport;

/// <summary>Per-call options of a client call.</summary>
public readonly struct CallOptions
{
    /// <summary>Creates call options.</summary>
    /// <param name="headers">Request metadata to send; null for none.</param>
    /// <param name="deadline">The deadline (UTC); null for none. Sent as <c>grpc-timeout</c>; the call ends with DEADLINE_EXCEEDED when it passes.</param>
    /// <param name="cancellationToken">Cancels the call (RST_STREAM; status CANCELLED).</param>
    public CallOptions(Metadata? headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default)
    {
        Headers = headers;
        Deadline = deadline;
        CancellationToken = cancellationToken;
    }

    /// <summary>Request metadata to send, or null.</summary>
    public Metadata? Headers { get; }

    /// <summary>The deadline in UTC, or null for none.</summary>
    public DateTime? Deadline { get; }

    /// <summary>Cancels the call.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>A copy with other headers.</summary>
    /// <param name="headers">The headers.</param>
    /// <returns>The new options.</returns>
    public CallOptions WithHeaders(Metadata? headers) => new(headers, Deadline, CancellationToken);

    /// <summary>A copy with another deadline.</summary>
    /// <param name="deadline">The deadline (UTC).</param>
    /// <returns>The new options.</returns>
    public CallOptions WithDeadline(DateTime? deadline) => new(Headers, deadline, CancellationToken);

    /// <summary>A copy with another cancellation token.</summary>
    /// <param name="cancellationToken">The token.</param>
    /// <returns>The new options.</returns>
    public CallOptions WithCancellationToken(CancellationToken cancellationToken) => new(Headers, Deadline, cancellationToken);
}
