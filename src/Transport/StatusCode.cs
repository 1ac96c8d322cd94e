namespace BeamConformance.Transport;

/// <summary>
/// The gRPC status codes, with the numeric values of the gRPC specification
/// (https://github.com/grpc/grpc/blob/master/doc/statuscodes.md), sent as the <c>grpc-status</c> trailer.
/// </summary>
public enum StatusCode
{
    /// <summary>0: the call completed successfully.</summary>
    OK = 0,

    /// <summary>1: the call was cancelled, typically by the caller.</summary>
    Cancelled = 1,

    /// <summary>2: an unknown error, e.g. an exception thrown by a handler.</summary>
    Unknown = 2,

    /// <summary>3: the client specified an invalid argument.</summary>
    InvalidArgument = 3,

    /// <summary>4: the deadline expired before the call completed.</summary>
    DeadlineExceeded = 4,

    /// <summary>5: a requested entity was not found.</summary>
    NotFound = 5,

    /// <summary>6: the entity a client tried to create already exists.</summary>
    AlreadyExists = 6,

    /// <summary>7: the caller may not execute the operation.</summary>
    PermissionDenied = 7,

    /// <summary>8: a resource was exhausted, e.g. a message over the size limit.</summary>
    ResourceExhausted = 8,

    /// <summary>9: the system is not in a state required for the operation.</summary>
    FailedPrecondition = 9,

    /// <summary>10: the operation was aborted, e.g. by a concurrency conflict.</summary>
    Aborted = 10,

    /// <summary>11: the operation was attempted past the valid range.</summary>
    OutOfRange = 11,

    /// <summary>12: the operation (or the method) is not implemented or supported.</summary>
    Unimplemented = 12,

    /// <summary>13: an internal error: an invariant of the protocol or the server was broken.</summary>
    Internal = 13,

    /// <summary>14: the service is currently unavailable (connection failure, shutdown).</summary>
    Unavailable = 14,

    /// <summary>15: unrecoverable data loss or corruption.</summary>
    DataLoss = 15,

    /// <summary>16: the request has no valid authentication credentials.</summary>
    Unauthenticated = 16,
}
