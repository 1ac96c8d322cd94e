namespace BeamConformance.ReferenceRunner.Execution.Internal;

/// <summary>An SDK's ProcessBundleSplitResponse that cannot be applied; the message names the instruction and the field.</summary>
internal sealed class InvalidSplitException : Exception
{
    /// <summary>Creates the error.</summary>
    public InvalidSplitException(string message) : base(message)
    {
    }

    /// <summary>Creates the error with a generic message.</summary>
    public InvalidSplitException() : this("inconsistent ProcessBundleSplitResponse")
    {
    }

    /// <summary>Creates the error with an inner error.</summary>
    public InvalidSplitException(string message, Exception inner) : base(message, inner)
    {
    }
}
