namespace BeamConformance.ReferenceRunner.FnApi;

/// <summary>
/// The SDK answered a ProcessBundle instruction with an error (InstructionResponse.error), or the bundle's
/// data broke the protocol.
/// </summary>
public sealed class BundleFailedException : Exception
{
    /// <summary>Creates the error for an instruction with the SDK's error text.</summary>
    public BundleFailedException(string instructionId, string error)
        : base($"bundle '{instructionId}' failed in the SDK: {error}")
    {
        InstructionId = instructionId;
        Error = error;
    }

    /// <summary>Creates the error with a generic message.</summary>
    public BundleFailedException() : this("?", "unknown error") { }

    /// <summary>Creates the error with a message.</summary>
    public BundleFailedException(string message) : this("?", message) { }

    /// <summary>Creates the error with a message and inner error.</summary>
    public BundleFailedException(string message, Exception inner) : base(message, inner)
    {
        InstructionId = "?";
        Error = message;
    }

    /// <summary>The ProcessBundle instruction id.</summary>
    public string InstructionId { get; }

    /// <summary>The SDK's error text (InstructionResponse.error), verbatim.</summary>
    public string Error { get; }
}
