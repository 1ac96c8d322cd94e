namespace BeamConformance.ReferenceRunner.FnApi;

/// <summary>An SDK worker's control stream ended (or the runner stopped using the worker) while work was pending.</summary>
public sealed class WorkerDisconnectedException : Exception
{
    /// <summary>Creates the error for a worker and the reason its stream ended.</summary>
    public WorkerDisconnectedException(string workerId, string reason)
        : base($"SDK worker '{workerId}' disconnected: {reason}")
    {
        WorkerId = workerId;
        Reason = reason;
    }

    /// <summary>Creates the error with a generic message.</summary>
    public WorkerDisconnectedException() : this("?", "unknown reason") { }

    /// <summary>Creates the error with a message.</summary>
    public WorkerDisconnectedException(string message) : this("?", message) { }

    /// <summary>Creates the error with a message and inner error.</summary>
    public WorkerDisconnectedException(string message, Exception inner) : base(message, inner)
    {
        WorkerId = "?";
        Reason = message;
    }

    /// <summary>The worker's id.</summary>
    public string WorkerId { get; }

    /// <summary>Why the stream ended.</summary>
    public string Reason { get; }
}
