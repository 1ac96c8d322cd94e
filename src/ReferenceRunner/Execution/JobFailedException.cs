namespace BeamConformance.ReferenceRunner.Execution;

/// <summary>
/// A job ended in FAILED. <see cref="Exception.Message"/> is the reason the job's message stream and
/// state stream report (for example the SDK's error text of a failed bundle).
/// </summary>
public sealed class JobFailedException : Exception
{
    /// <summary>Creates the failure with its reason.</summary>
    public JobFailedException(string reason) : base(reason) { }

    /// <summary>Creates the failure with its reason and the error behind it.</summary>
    public JobFailedException(string reason, Exception inner) : base(reason, inner) { }

    /// <summary>Creates a failure with a generic reason.</summary>
    public JobFailedException() : base("The job failed.") { }
}
