using System.Globalization;

namespace BeamConformance.Transport;

/// <summary>
/// The outcome of a gRPC call: a <see cref="Transport.StatusCode"/> and a human-readable detail, carried
/// on the wire as the <c>grpc-status</c> and percent-encoded <c>grpc-message</c> trailers.
/// </summary>
public readonly record struct Status
{
    /// <summary>The status of a call that completed successfully.</summary>
    public static readonly Status DefaultSuccess = new(StatusCode.OK, string.Empty);

    /// <summary>The status of a call cancelled by its caller.</summary>
    public static readonly Status DefaultCancelled = new(StatusCode.Cancelled, string.Empty);

    /// <summary>Creates a status.</summary>
    /// <param name="statusCode">The gRPC status code.</param>
    /// <param name="detail">The detail message; any Unicode text (it is percent-encoded on the wire).</param>
    /// <param name="debugException">An exception kept locally for diagnostics; never sent to the peer.</param>
    public Status(StatusCode statusCode, string? detail, Exception? debugException = null)
    {
        StatusCode = statusCode;
        Detail = detail ?? string.Empty;
        DebugException = debugException;
    }

    /// <summary>The gRPC status code (Grpc.Core's name).</summary>
    public StatusCode StatusCode { get; }

    /// <summary>The gRPC status code; the same value as <see cref="StatusCode"/>.</summary>
    public StatusCode Code => StatusCode;

    /// <summary>The detail message, empty when there is none.</summary>
    public string Detail { get; }

    /// <summary>A local exception explaining the status, when one is known; never sent on the wire.</summary>
    public Exception? DebugException { get; }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"Status(StatusCode=\"{StatusCode}\", Detail=\"{Detail}\")");
}
